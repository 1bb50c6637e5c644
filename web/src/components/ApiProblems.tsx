import { ApiError } from "../api.ts";
import { ErrorMessage } from "./ErrorMessage.tsx";

/** A refused save: every problem the server listed (a canned reply's, say), or its one message. */
export function ApiProblems({ error, "data-testid": testId }: { error: unknown; "data-testid"?: string }) {
  if (!error) return null;
  const problems =
    error instanceof ApiError && Array.isArray(error.details?.problems)
      ? (error.details.problems as unknown[]).map(String)
      : null;
  return (
    <div role="alert" data-testid={testId}>
      {problems ? (
        <ul className="problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : (
        <ErrorMessage error={error} />
      )}
    </div>
  );
}
