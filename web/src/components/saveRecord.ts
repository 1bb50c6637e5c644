import { api } from "../api.ts";

/** Updates the record at `collection/id` when it exists already, creates it in `collection` when it does not. */
export function saveRecord<T = unknown>(
  collection: string,
  id: string | undefined,
  body: unknown,
): Promise<T> {
  return id ? api<T>("PATCH", `${collection}/${id}`, body) : api<T>("POST", collection, body);
}
