import { expect } from "vitest";
import type { ApiClient } from "./apiClient.ts";

/** An agent answers the case and resolves it, what sets a survey or a check-in going; each step must be taken. */
export async function replyAndResolve(
  api: ApiClient,
  conversationId: string,
  text: string,
  visibility: "public" | "private" = "private",
): Promise<void> {
  const reply = await api.post(`/api/conversations/${conversationId}/messages`, { text, visibility });
  expect(reply.status).toBe(202);
  const resolved = await api.post(`/api/conversations/${conversationId}/status`, { status: "resolved" });
  expect(resolved.status).toBe(200);
}
