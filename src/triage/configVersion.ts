/**
 * Per-workspace triage configuration (rules, policies, categories, playbook) is cached by each process for a
 * couple of seconds. A change made through this process's API takes effect at once; other processes pick it up
 * when their copy expires. Bounded staleness beats a round trip per event on the hot path.
 */
export const CONFIG_TTL_MS = 2_000;

type Listener = (workspaceId: string) => void;
const listeners = new Set<Listener>();

/** Drop every cached piece of a workspace's triage configuration in this process. */
export function invalidateTriageConfig(workspaceId: string): void {
  for (const listener of listeners) listener(workspaceId);
}

export function onTriageConfigChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
