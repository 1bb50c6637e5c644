/** The server's messages already list every problem found, so an error's message alone is the whole story. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
