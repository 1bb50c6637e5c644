/** The keys of a draft whose values are of type V. */
type KeysOf<D, V> = { [K in keyof D]-?: D[K] extends V ? K : never }[keyof D];

/**
 * Ties form fields to a draft by key: `text(key)` gives a TextField (or SelectField) its value and onChange,
 * `check(key)` a CheckField its checked and onChange, each change patched into the draft through `set`.
 */
export function draftFields<D>(draft: D, set: (patch: Partial<D>) => void) {
  return {
    text: (key: KeysOf<D, string>) => ({
      value: draft[key] as string,
      onChange: (value: string) => set({ [key]: value } as Partial<D>),
    }),
    check: (key: KeysOf<D, boolean>) => ({
      checked: draft[key] as boolean,
      onChange: (checked: boolean) => set({ [key]: checked } as Partial<D>),
    }),
  };
}
