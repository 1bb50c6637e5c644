import { useState } from "react";
import { type RecordList, useRecordList } from "./useRecordList.ts";

export interface ListEditor<T, A> extends RecordList<T, A> {
  /** The record open in the editor, "new" for one not yet created, null while the list shows. */
  editing: T | "new" | null;
  edit: (record: T | "new") => void;
  close: () => void;
  /** Closes the editor and reloads, so the list shows what was saved. */
  saved: () => void;
}

/** A list of records with one of them open in an editor at a time. */
export function useListEditor<T, A extends { items: T[] } = { items: T[] }>(path: string): ListEditor<T, A> {
  const list = useRecordList<T, A>(path);
  const [editing, setEditing] = useState<T | "new" | null>(null);
  return {
    ...list,
    editing,
    edit: setEditing,
    close: () => setEditing(null),
    saved: () => {
      setEditing(null);
      void list.reload();
    },
  };
}
