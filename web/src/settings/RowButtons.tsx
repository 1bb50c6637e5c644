import type { ReactNode } from "react";
import { EditDeleteButtons } from "../components/EditDeleteButtons.tsx";
import { useSettingsT } from "./settingsI18n.ts";

/**
 * A settings row's Edit and Delete, in the settings' own words. Buttons that move the row go before them
 * (`leading`), the row's other buttons between them (`children`).
 */
export function RowButtons({
  onEdit,
  onDelete,
  leading,
  children,
}: {
  onEdit: () => void;
  onDelete: () => void;
  leading?: ReactNode;
  children?: ReactNode;
}) {
  const t = useSettingsT();
  return (
    <div className="row">
      {leading}
      <EditDeleteButtons
        editLabel={t("edit")}
        deleteLabel={t("delete")}
        confirmText={t("confirmDelete")}
        onEdit={onEdit}
        onDelete={onDelete}
      >
        {children}
      </EditDeleteButtons>
    </div>
  );
}
