/** Only http(s) links from customer or platform data may become an href; anything else (javascript:, data:) is dropped. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

/** Nests comments under the comment they answer; replies to unknown parents stay at the top, in order. */
export function buildCommentTree<T extends { externalId: string | null; parentExternalId: string | null }>(
  items: T[],
): TreeNode<T>[] {
  const nodes = items.map((item) => ({ item, children: [] as TreeNode<T>[] }));
  const byId = new Map(nodes.filter((n) => n.item.externalId).map((n) => [n.item.externalId!, n]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes) {
    const parent = node.item.parentExternalId ? byId.get(node.item.parentExternalId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

/** Random secret in the alphabet Telegram and VK accept. */
export function generateSecret(length = 32): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
