import { useState } from "react";
import { useAccountT } from "./accountI18n.ts";

/**
 * A link or token to copy, shown once: selected when focused, with a Copy button for the clipboard (which a
 * browser may refuse outside HTTPS; the selected text still copies with the keyboard).
 */
export function CopyableSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  const t = useAccountT();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copyable">
      <input
        readOnly
        aria-label={label}
        data-testid={testId}
        value={value}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button
        type="button"
        onClick={() =>
          navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t("copy")}
      </button>
      {copied && (
        <span className="hint" role="status">
          {t("copied")}
        </span>
      )}
    </div>
  );
}
