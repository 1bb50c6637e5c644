import { EditDeleteButtons } from "../components/EditDeleteButtons.tsx";
import { usePlaybookT } from "./playbookI18n.ts";

/** A playbook row's last cell: Edit and Delete in the playbook's own words; each kind of entry asks its own question. */
export function PlaybookRowButtons({
  confirmText,
  onEdit,
  onDelete,
}: {
  confirmText: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const pt = usePlaybookT();
  return (
    <td>
      <EditDeleteButtons
        editLabel={pt("edit")}
        deleteLabel={pt("delete")}
        confirmText={confirmText}
        onEdit={onEdit}
        onDelete={onDelete}
      />
    </td>
  );
}
