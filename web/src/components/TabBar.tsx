/** A page's row of tabs; each tab's test id is `${testIdPrefix}-${tab}`. */
export function TabBar<T extends string>({
  tabs,
  active,
  onChange,
  labelOf,
  testIdPrefix,
  ariaLabel,
  showPressed = false,
}: {
  tabs: readonly T[];
  active: T;
  onChange: (tab: T) => void;
  labelOf: (tab: T) => string;
  testIdPrefix: string;
  ariaLabel?: string;
  /** Tells screen readers which tab is active by announcing it as a pressed button. */
  showPressed?: boolean;
}) {
  return (
    <nav className="tabs" aria-label={ariaLabel}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          className={active === tab ? "active" : ""}
          aria-pressed={showPressed ? active === tab : undefined}
          data-testid={`${testIdPrefix}-${tab}`}
          onClick={() => onChange(tab)}
        >
          {labelOf(tab)}
        </button>
      ))}
    </nav>
  );
}
