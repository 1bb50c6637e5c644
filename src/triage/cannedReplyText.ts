import { and, eq } from "drizzle-orm";
import type { Viewer } from "../domain/roles.ts";
import { renderCannedReply } from "../playbook/replies/cannedReply.ts";
import { cannedReplyValues, loadDraftContext } from "../server/draftContext.ts";
import type { Tx } from "../store/database.ts";
import { cannedReplies } from "../store/schema.ts";
import type { TriageConfig } from "./triageConfig.ts";

/** Parley acting for the team: it sees every conversation of the workspace and is nobody in particular. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/**
 * A canned reply filled in for a conversation, for automation. Unlike an agent, a rule cannot fill a gap by
 * hand, so a reply with a variable nobody knows is refused rather than sent with a placeholder in it.
 */
export async function cannedReplyText(
  tx: Tx,
  config: TriageConfig,
  conversation: { id: string; workspaceId: string },
  cannedReplyId: string,
  agentName: string | null,
): Promise<string> {
  const [reply] = await tx
    .select({ body: cannedReplies.body })
    .from(cannedReplies)
    .where(and(eq(cannedReplies.id, cannedReplyId), eq(cannedReplies.workspaceId, conversation.workspaceId)));
  if (!reply) throw new Error("The canned reply no longer exists");
  const system: Viewer = {
    userId: NOBODY,
    workspaceId: conversation.workspaceId,
    role: "admin",
    teamIds: [],
  };
  const context = await loadDraftContext(tx, system, conversation.id);
  const values = await cannedReplyValues(tx, system, context);
  const signature = agentName ?? (config.brandName || null);
  if (signature) values.agent_name = signature;
  const rendered = renderCannedReply(reply.body, values);
  if (rendered.missing.length > 0)
    throw new Error(`The canned reply needs values nobody knows here: ${rendered.missing.join(", ")}`);
  return rendered.text;
}
