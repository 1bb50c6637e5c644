import { errorText } from "./errorText.ts";

/** One line for the last failure; renders nothing while there is none. */
export function ErrorMessage({ error, "data-testid": testId }: { error: unknown; "data-testid"?: string }) {
  if (!error) return null;
  return (
    <p className="error" data-testid={testId}>
      {errorText(error)}
    </p>
  );
}
