import { Button } from "./Button.tsx";

/** An editor's closing pair: Save submits the form, Cancel leaves without saving. */
export function FormButtons({
  saveLabel,
  cancelLabel,
  onCancel,
  busy,
  saveTestId,
}: {
  saveLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  busy?: boolean;
  saveTestId?: string;
}) {
  return (
    <div className="row">
      <Button type="submit" variant="primary" data-testid={saveTestId} disabled={busy}>
        {saveLabel}
      </Button>
      <Button onClick={onCancel}>{cancelLabel}</Button>
    </div>
  );
}
