import { and, eq } from "drizzle-orm";
import { resumeChannel } from "../channelHealth/channelHealthRecorder.ts";
import { HttpError } from "../server/httpError.ts";
import type { Db } from "../store/database.ts";
import { channels } from "../store/schema.ts";

/**
 * An admin lets a paused channel (or one needing attention) send again by hand, without waiting for its probe:
 * the replies that waited go out at once. A channel still refused pauses again after its next failures; a wait
 * the platform asked for still stands.
 */
export async function resumeChannelByHand(
  db: Db,
  input: { workspaceId: string; actorUserId: string; channelId: string },
): Promise<{ status: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(channels)
      .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, input.workspaceId)))
      .for("update");
    if (!row) throw new HttpError(404, "not_found", "Channel not found");
    if (row.status === "disabled") throw new HttpError(409, "channel_disabled", "The channel is disabled");
    if (row.status === "active") return { status: row.status };
    await resumeChannel(tx, row, { actorUserId: input.actorUserId });
    return { status: "active" };
  });
}
