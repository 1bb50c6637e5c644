import { ApiError } from "../api.ts";

/** A refused save: every problem the server listed (a canned reply's), or its one message. */
export function ApiProblems({ error }: { error: unknown }) {
  if (!error) return null;
  const problems =
    error instanceof ApiError && Array.isArray(error.details?.problems)
      ? (error.details.problems as unknown[]).map(String)
      : null;
  return (
    <div role="alert" data-testid="playbook-error">
      {problems ? (
        <ul className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <p className="error">{error instanceof Error ? error.message : String(error)}</p>
      )}
    </div>
  );
}
