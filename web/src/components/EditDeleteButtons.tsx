import type { ReactNode } from "react";

/**
 * A list row's Edit and Delete; a row's other buttons go between them, so Delete stays last and apart.
 * Deleting cannot be undone, so it asks first.
 */
export function EditDeleteButtons({
  editLabel,
  deleteLabel,
  confirmText,
  onEdit,
  onDelete,
  children,
}: {
  editLabel: string;
  deleteLabel: string;
  confirmText: string;
  onEdit: () => void;
  onDelete: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      <button type="button" onClick={onEdit}>
        {editLabel}
      </button>{" "}
      {children}
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(confirmText)) onDelete();
        }}
      >
        {deleteLabel}
      </button>
    </>
  );
}
