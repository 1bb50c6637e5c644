import { useState } from "react";
import { businessHoursProblems, type Weekday } from "../../../src/domain/sla/businessHours.ts";
import { CheckField } from "../components/CheckField.tsx";
import { TextField } from "../components/TextField.tsx";
import { type BusinessHours, splitList } from "./settingsApi.ts";
import { type SettingsKey, useSettingsT } from "./settingsI18n.ts";

/** Monday first, as schedules are read in the languages Parley speaks. */
const WEEK: readonly Weekday[] = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

interface Draft {
  alwaysOpen: boolean;
  timeZone: string;
  weekly: Record<Weekday, string>;
  holidays: { date: string; hours: string }[];
}

function draftOf(hours: BusinessHours): Draft {
  const weekly = Object.fromEntries(WEEK.map((day) => [day, ""])) as Record<Weekday, string>;
  if (hours.alwaysOpen === true)
    return {
      alwaysOpen: true,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      weekly: {
        ...weekly,
        monday: "09:00-18:00",
        tuesday: "09:00-18:00",
        wednesday: "09:00-18:00",
        thursday: "09:00-18:00",
        friday: "09:00-18:00",
      },
      holidays: [],
    };
  for (const day of WEEK) weekly[day] = (hours.weekly[day] ?? []).join(", ");
  return {
    alwaysOpen: false,
    timeZone: hours.timeZone,
    weekly,
    holidays: (hours.holidays ?? []).map((h) => ({ date: h.date, hours: (h.hours ?? []).join(", ") })),
  };
}

function hoursOf(draft: Draft): BusinessHours {
  if (draft.alwaysOpen) return { alwaysOpen: true };
  const weekly: Partial<Record<Weekday, string[]>> = {};
  for (const day of WEEK) {
    const spans = splitList(draft.weekly[day]);
    if (spans.length > 0) weekly[day] = spans;
  }
  return {
    timeZone: draft.timeZone.trim(),
    weekly,
    holidays: draft.holidays
      .filter((h) => h.date.trim() !== "")
      .map((h) => {
        const spans = splitList(h.hours);
        return spans.length > 0 ? { date: h.date.trim(), hours: spans } : { date: h.date.trim() };
      }),
  };
}

/**
 * Weekly opening hours, time zone and holidays. It checks the schedule with the same function the server uses,
 * so problems show while typing rather than on save.
 */
export function BusinessHoursEditor({
  value,
  onChange,
}: {
  value: BusinessHours;
  onChange: (hours: BusinessHours) => void;
}) {
  const t = useSettingsT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(value));
  const update = (next: Draft) => {
    setDraft(next);
    onChange(hoursOf(next));
  };
  const problems = businessHoursProblems(hoursOf(draft));
  return (
    <fieldset data-testid="business-hours">
      <legend>{t("businessHours")}</legend>
      <CheckField
        label={t("alwaysOpen")}
        checked={draft.alwaysOpen}
        onChange={(alwaysOpen) => update({ ...draft, alwaysOpen })}
      />
      {!draft.alwaysOpen && (
        <>
          <TextField
            label={t("timeZone")}
            value={draft.timeZone}
            placeholder="Europe/Riga"
            onChange={(timeZone) => update({ ...draft, timeZone })}
          />
          <span className="hint">{t("spansHint")}</span>
          {WEEK.map((day) => (
            <div className="weekday" key={day}>
              <span>{t(`weekday_${day}` as SettingsKey)}</span>
              <input
                data-testid={`hours-${day}`}
                value={draft.weekly[day]}
                placeholder="09:00-18:00"
                onChange={(e) => update({ ...draft, weekly: { ...draft.weekly, [day]: e.target.value } })}
              />
            </div>
          ))}
          <strong>{t("holidays")}</strong>
          {draft.holidays.map((holiday, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until their date is typed
            <div className="row" key={index}>
              <input
                type="date"
                value={holiday.date}
                onChange={(e) =>
                  update({
                    ...draft,
                    holidays: draft.holidays.map((h, i) =>
                      i === index ? { ...h, date: e.target.value } : h,
                    ),
                  })
                }
              />
              <input
                value={holiday.hours}
                placeholder={t("holidayHours")}
                aria-label={t("holidayHours")}
                onChange={(e) =>
                  update({
                    ...draft,
                    holidays: draft.holidays.map((h, i) =>
                      i === index ? { ...h, hours: e.target.value } : h,
                    ),
                  })
                }
              />
              <button
                type="button"
                onClick={() => update({ ...draft, holidays: draft.holidays.filter((_, i) => i !== index) })}
              >
                {t("remove")}
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              onClick={() => update({ ...draft, holidays: [...draft.holidays, { date: "", hours: "" }] })}
            >
              {t("addHoliday")}
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="error" data-testid="business-hours-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </fieldset>
  );
}
