import { useEffect, useState } from "react";
import { api, type MessageTemplate } from "./api.ts";
import { useT } from "./hooks.ts";

export interface TemplateDraft {
  template: { name: string; language: string; parameters: string[] };
  preview: string;
}

/** Fills {{1}}, {{2}}... of a template body with the agent's values, for the preview the agent reads. */
export function renderTemplate(body: string, parameters: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] || whole);
}

/** Outside WhatsApp's 24-hour window only an approved template may go out: pick one and fill its values. */
export function TemplatePicker({
  channelId,
  onChange,
}: {
  channelId: string;
  onChange: (draft: TemplateDraft | null) => void;
}) {
  const t = useT();
  const [templates, setTemplates] = useState<MessageTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<MessageTemplate | null>(null);
  const [values, setValues] = useState<string[]>([]);

  useEffect(() => {
    api<{ items: MessageTemplate[] }>("GET", `/api/channels/${channelId}/templates`).then(
      (r) => setTemplates(r.items),
      (err: unknown) => setError(String(err instanceof Error ? err.message : err)),
    );
  }, [channelId]);
  useEffect(() => {
    onChange(
      chosen
        ? {
            template: { name: chosen.name, language: chosen.language, parameters: values },
            preview: renderTemplate(chosen.body, values),
          }
        : null,
    );
  }, [chosen, values, onChange]);

  if (error) return <p className="error">{error}</p>;
  if (!templates) return null;
  if (templates.length === 0) return <p className="muted">{t("noTemplates")}</p>;
  return (
    <div className="template-picker">
      <label>
        {t("template")}{" "}
        <select
          data-testid="template-select"
          value={chosen ? `${chosen.name}|${chosen.language}` : ""}
          onChange={(e) => {
            const found = templates.find((x) => `${x.name}|${x.language}` === e.target.value) ?? null;
            setChosen(found);
            setValues(Array.from({ length: found?.parameterCount ?? 0 }, () => ""));
          }}
        >
          <option value="">{t("chooseTemplate")}</option>
          {templates.map((x) => (
            <option key={`${x.name}|${x.language}`} value={`${x.name}|${x.language}`}>
              {x.name} ({x.language})
            </option>
          ))}
        </select>
      </label>
      {values.map((value, i) => (
        <input
          // biome-ignore lint/suspicious/noArrayIndexKey: parameters are positional
          key={i}
          data-testid={`template-value-${i + 1}`}
          placeholder={`${t("templateValue")} {{${i + 1}}}`}
          value={value}
          onChange={(e) => setValues(values.map((v, j) => (j === i ? e.target.value : v)))}
        />
      ))}
      {chosen && <p className="template-preview">{renderTemplate(chosen.body, values)}</p>}
    </div>
  );
}
