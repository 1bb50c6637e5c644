import { api, type ConversationSummary } from "../api.ts";

export interface ContactIdentity {
  id: string;
  platform: string;
  externalId: string;
  username: string | null;
  displayName: string;
  reach: number | null;
}

export interface ContactNote {
  id: string;
  text: string;
  createdAt: string;
  author: { id: string; name: string } | null;
}

export interface ContactProfile {
  id: string;
  displayName: string;
  mergedIntoId: string | null;
  erasedAt: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
  identities: ContactIdentity[];
  notes: ContactNote[];
  merges: { id: string; sourceContactId: string; sourceName: string; createdAt: string }[];
  conversations: ConversationSummary[];
  hiddenConversationCount: number;
}

export interface ContactSuggestion {
  contactId: string;
  displayName: string;
  score: number;
  conversationCount: number;
  reasons: { kind: "phone" | "email" | "username" | "name"; value: string }[];
}

export interface ContactHit {
  id: string;
  displayName: string;
  conversationCount: number;
  platforms: string[];
}

export const contactApi = {
  profile: (id: string) => api<ContactProfile>("GET", `/api/contacts/${id}`),
  suggestions: (id: string) =>
    api<{ items: ContactSuggestion[] }>("GET", `/api/contacts/${id}/suggestions`).then((r) => r.items),
  find: (q: string) =>
    api<{ items: ContactHit[] }>("GET", `/api/contacts?q=${encodeURIComponent(q)}`).then((r) => r.items),
  merge: (sourceContactId: string, targetContactId: string) =>
    api("POST", "/api/contact-merges", { sourceContactId, targetContactId }),
  unmerge: (mergeId: string) => api("POST", `/api/contact-merges/${mergeId}/unmerge`),
  dismiss: (id: string, otherId: string) => api("POST", `/api/contacts/${id}/suggestions/${otherId}/dismiss`),
  setTags: (id: string, tags: string[]) => api("PATCH", `/api/contacts/${id}`, { tags }),
  addNote: (id: string, text: string) => api("POST", `/api/contacts/${id}/notes`, { text }),
  editNote: (noteId: string, text: string) => api("PATCH", `/api/contact-notes/${noteId}`, { text }),
  deleteNote: (noteId: string) => api("DELETE", `/api/contact-notes/${noteId}`),
  exportData: (id: string) => api<unknown>("GET", `/api/contacts/${id}/export`),
  erase: (id: string) => api("POST", `/api/contacts/${id}/erase`),
};

/** Saves JSON as a file through a temporary object URL: the data never becomes markup. */
export function downloadJson(data: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
