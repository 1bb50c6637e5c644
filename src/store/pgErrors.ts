/** PostgreSQL's unique_violation, as node-postgres reports it and as drizzle wraps it (PGlite: in `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  const error = err as { code?: string; cause?: { code?: string } } | null;
  return error?.code === "23505" || error?.cause?.code === "23505";
}
