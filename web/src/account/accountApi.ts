export type Role = "admin" | "supervisor" | "agent";
export const ROLES: readonly Role[] = ["agent", "supervisor", "admin"];

export interface Account {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  passwordChangedAt: string | null;
}

export interface Session {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  teamIds: string[];
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

/** What became of an e-mailed link: sent, or handed to the admin to pass on. */
export type LinkDelivery =
  | { delivery: "sent" }
  | { delivery: "not_configured"; link: string }
  | { delivery: "failed"; link: string; error: string };

export type InvitationAnswer = { invitation: Invitation } & LinkDelivery;
export type ResetLinkAnswer = { expiresAt: string } & LinkDelivery;
