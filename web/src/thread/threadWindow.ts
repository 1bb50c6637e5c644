import { buildCommentTree, type TreeNode } from "../format.ts";

/** What the thread needs of a message to place it. */
export interface ThreadMessage {
  id: string;
  externalId: string | null;
  parentExternalId: string | null;
  direction?: string;
}

/** One page of GET /api/conversations/:id/messages?limit=…: oldest first. */
export interface MessagePage<M> {
  items: M[];
  olderCursor: string | null;
  total: number;
}

/** The contiguous stretch of the thread the browser holds: from some message up to the newest. */
export interface ThreadWindow<M> {
  items: M[];
  /** Where the next older page starts; null once the first message is loaded. */
  olderCursor: string | null;
  total: number;
}

/**
 * The newest page, asked again after a change, laid over what is loaded: what the page holds replaces the
 * loaded copies from its first message on (edits, delivery states, new messages), and the older messages
 * loaded before stay. When the page does not reach back to anything loaded (more new messages arrived than a
 * page holds), the window starts again from the page, since a gap would misplace them.
 */
export function withNewestPage<M extends ThreadMessage>(
  window: ThreadWindow<M> | null,
  page: MessagePage<M>,
): ThreadWindow<M> {
  const first = page.items[0];
  if (!window || !first) return { items: page.items, olderCursor: page.olderCursor, total: page.total };
  const at = window.items.findIndex((m) => m.id === first.id);
  if (at === -1) return { items: page.items, olderCursor: page.olderCursor, total: page.total };
  return {
    items: [...window.items.slice(0, at), ...page.items],
    olderCursor: window.olderCursor,
    total: page.total,
  };
}

/** An older page put in front, when it is the one the window asked for (not one for a window since replaced). */
export function withOlderPage<M extends ThreadMessage>(
  window: ThreadWindow<M>,
  askedWith: string,
  page: MessagePage<M>,
): ThreadWindow<M> {
  if (window.olderCursor !== askedWith) return window;
  const loaded = new Set(window.items.map((m) => m.id));
  return {
    items: [...page.items.filter((m) => !loaded.has(m.id)), ...window.items],
    olderCursor: page.olderCursor,
    total: page.total,
  };
}

/** One message, new or changed: replaces its copy, or joins the end (a reply just sent). */
export function withMessage<M extends ThreadMessage>(window: ThreadWindow<M>, message: M): ThreadWindow<M> {
  const at = window.items.findIndex((m) => m.id === message.id);
  if (at === -1) return { ...window, items: [...window.items, message], total: window.total + 1 };
  const items = window.items.slice();
  items[at] = message;
  return { ...window, items };
}

/** A line of the thread as it is drawn: a message (indented under its parent in a comment tree) or the post. */
export type ThreadRow<M> =
  | { kind: "message"; key: string; message: M; depth: number }
  | { kind: "post"; key: "post"; depth: 0 };

/** Replies deeper than this are drawn at this depth, so a long back-and-forth keeps a readable width. */
export const MAX_DEPTH = 6;

/**
 * The rows in reading order. A chat is its messages as they are; a public comment thread is its tree walked
 * depth-first, each reply under its parent (notes under the message before them, buildCommentTree). The post
 * heads the thread once its first message is loaded.
 */
export function threadRows<M extends ThreadMessage>(
  messages: readonly M[],
  options: { tree: boolean; post: boolean },
): ThreadRow<M>[] {
  const rows: ThreadRow<M>[] = options.post ? [{ kind: "post", key: "post", depth: 0 }] : [];
  if (!options.tree) {
    for (const message of messages) rows.push({ kind: "message", key: message.id, message, depth: 0 });
    return rows;
  }
  const walk = (nodes: TreeNode<M>[], depth: number) => {
    for (const node of nodes) {
      rows.push({
        kind: "message",
        key: node.item.id,
        message: node.item,
        depth: Math.min(depth, MAX_DEPTH),
      });
      walk(node.children, depth + 1);
    }
  };
  walk(buildCommentTree([...messages]), 0);
  return rows;
}
