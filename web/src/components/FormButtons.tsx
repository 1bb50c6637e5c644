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
      <button type="submit" className="primary" data-testid={saveTestId} disabled={busy}>
        {saveLabel}
      </button>
      <button type="button" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
