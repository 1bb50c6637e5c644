import { Button } from "./Button.tsx";
import type { FormMessage } from "./useSettingsForm.ts";

/** A settings form's last row: Save submits it, and beside it what the last save (or load) came to. */
export function SaveRow({ saveLabel, message }: { saveLabel: string; message: FormMessage | null }) {
  return (
    <div className="row">
      <Button type="submit" variant="primary">
        {saveLabel}
      </Button>
      {message && <span className={message.error ? "error" : "hint"}>{message.text}</span>}
    </div>
  );
}
