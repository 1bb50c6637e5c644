/** A row of checkboxes over fixed options; nothing ticked means "any". */
export function ChoiceList({
  options,
  selected,
  label,
  onChange,
}: {
  options: readonly { value: string; label: string }[];
  selected: readonly string[];
  label: string;
  onChange: (values: string[]) => void;
}) {
  return (
    <fieldset>
      <legend>{label}</legend>
      <div className="choices">
        {options.map((option) => (
          <label className="check" key={option.value}>
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? [...selected, option.value]
                    : selected.filter((value) => value !== option.value),
                )
              }
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
