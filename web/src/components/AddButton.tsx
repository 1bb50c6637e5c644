import { Button } from "./Button.tsx";

/** The button above a list that opens its editor on a new record. */
export function AddButton({
  label,
  onClick,
  disabled,
  "data-testid": testId,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  "data-testid": string;
}) {
  return (
    <Button variant="primary" data-testid={testId} disabled={disabled} onClick={onClick}>
      {label}
    </Button>
  );
}
