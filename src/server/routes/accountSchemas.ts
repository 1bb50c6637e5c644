import { z } from "zod";

/** One rule for every password a person chooses: at invitation, on change and on reset. */
export const NewPassword = z.string().min(10, "Use at least 10 characters").max(1024);

/** A link token as `newLinkToken` makes it (base64url of 32 bytes), with room to spare. */
export const LinkToken = z.string().min(16).max(200);

export const PersonName = z.string().trim().min(1).max(200);
