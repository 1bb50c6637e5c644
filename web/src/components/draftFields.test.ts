import { describe, expect, it } from "vitest";
import { draftFields } from "./draftFields.ts";

interface Draft {
  name: string;
  enabled: boolean;
}

describe("draftFields", () => {
  it("gives a text field the draft's value and patches only its own key on change", () => {
    const patches: Partial<Draft>[] = [];
    const { text } = draftFields<Draft>({ name: "Fast lane", enabled: true }, (patch) => patches.push(patch));
    const field = text("name");
    expect(field.value).toBe("Fast lane");
    field.onChange("Slow lane");
    expect(patches).toEqual([{ name: "Slow lane" }]);
  });

  it("gives a checkbox the draft's flag and patches only its own key on change", () => {
    const patches: Partial<Draft>[] = [];
    const { check } = draftFields<Draft>({ name: "", enabled: false }, (patch) => patches.push(patch));
    const field = check("enabled");
    expect(field.checked).toBe(false);
    field.onChange(true);
    expect(patches).toEqual([{ enabled: true }]);
  });
});
