import type { ReactNode } from "react";
import { Button } from "./Button.tsx";

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
      <Button onClick={onEdit}>{editLabel}</Button> {children}
      <Button
        variant="danger"
        onClick={() => {
          if (window.confirm(confirmText)) onDelete();
        }}
      >
        {deleteLabel}
      </Button>
    </>
  );
}
