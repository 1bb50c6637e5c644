/** PostgreSQL's unique_violation, as node-postgres reports it and as drizzle wraps it (PGlite: in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  const error = err as { code?: string; cause?: { code?: string } } | null;
  return error?.code === "23505" || error?.cause?.code === "23505";
}

/**
 * An error as text with the database's own reason first: drizzle's message starts with the whole statement, which
 * buries the reason past any length a stored error is cut to.
 */
export function databaseErrorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.cause.message} (${err.message})` : err.message;
}
