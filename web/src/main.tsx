import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { cachedPreferences } from "./theme/preferencesCache.ts";
import { applyTheme } from "./theme/theme.ts";
import "./theme/tokens.css";
import "./theme/base.css";
import "./components/components.css";
import "./styles.css";
import "./phone.css";

// The theme this browser last saw goes on before the first paint; the account's own arrives after signing in.
applyTheme(document.documentElement, cachedPreferences(localStorage).theme);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
