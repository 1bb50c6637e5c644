import { describe, expect, it } from "vitest";
import { dependencyOrder, type ForeignKey } from "./tableCatalog.ts";

const key = (table: string, references: string, name = `${table}_${references}_fk`): ForeignKey => ({
  name,
  table,
  references,
  definition: `FOREIGN KEY (x) REFERENCES ${references}(id)`,
});

describe("dependency order for copying tables", () => {
  it("puts every table after the tables it refers to, by name among equals", () => {
    const { order, unorderable } = dependencyOrder(
      ["messages", "conversations", "workspaces", "channels", "contacts"],
      [key("messages", "conversations"), key("conversations", "channels"), key("conversations", "contacts")],
    );
    expect(order).toEqual(["channels", "contacts", "workspaces", "conversations", "messages"]);
    expect(unorderable).toEqual([]);
  });

  it("sets aside a table's reference to itself: no order of tables can satisfy it", () => {
    const merged = key("contacts", "contacts", "contacts_merged_into_id_fk");
    const { order, unorderable } = dependencyOrder(
      ["contacts", "contact_notes"],
      [merged, key("contact_notes", "contacts")],
    );
    expect(order).toEqual(["contacts", "contact_notes"]);
    expect(unorderable).toEqual([merged]);
  });

  it("breaks a cycle between tables by setting aside the first table's references to the others", () => {
    const ab = key("a", "b");
    const ba = key("b", "a");
    const { order, unorderable } = dependencyOrder(["a", "b", "c"], [ab, ba, key("c", "b")]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(unorderable).toEqual([ab]);
  });
});
