import { ApiProblems } from "../components/ApiProblems.tsx";
import { FormButtons } from "../components/FormButtons.tsx";
import { usePlaybookT } from "./playbookI18n.ts";

/** The end of a playbook editor: every problem a refused save listed, then Save and Cancel. */
export function EditorFooter({
  error,
  busy,
  onCancel,
  saveTestId,
}: {
  error: unknown;
  busy: boolean;
  onCancel: () => void;
  saveTestId: string;
}) {
  const pt = usePlaybookT();
  return (
    <>
      <ApiProblems error={error} data-testid="playbook-error" />
      <FormButtons
        saveLabel={pt("save")}
        cancelLabel={pt("cancel")}
        onCancel={onCancel}
        busy={busy}
        saveTestId={saveTestId}
      />
    </>
  );
}
