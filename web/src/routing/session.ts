import { createContext, useContext } from "react";
import type { Me } from "../api.ts";

/** The signed-in viewer, provided by the app shell to every page the router renders. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside a signed-in page");
  return me;
}
