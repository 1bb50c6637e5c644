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

/**
 * Nests comments under the comment they answer; replies to unknown parents stay at the top, in order. `items`
 * come oldest first. An internal note answers nothing on the platform: it hangs under the message written just
 * before it, so it reads in time order where it was written rather than after the whole thread.
 */
export function buildCommentTree<
  T extends { externalId: string | null; parentExternalId: string | null; direction?: string },
>(items: T[]): TreeNode<T>[] {
  const nodes = items.map((item) => ({ item, children: [] as TreeNode<T>[] }));
  const isNote = (node: TreeNode<T>) => node.item.direction === "note";
  const byId = new Map(
    nodes.filter((n) => n.item.externalId && !isNote(n)).map((n) => [n.item.externalId!, n]),
  );
  const roots: TreeNode<T>[] = [];
  let previous: TreeNode<T> | undefined;
  for (const node of nodes) {
    const parent = isNote(node)
      ? previous
      : node.item.parentExternalId
        ? byId.get(node.item.parentExternalId)
        : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
    if (!isNote(node)) previous = node;
  }
  return roots;
}

/** Random secret in the alphabet Telegram and VK accept. */
export function generateSecret(length = 32): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}
