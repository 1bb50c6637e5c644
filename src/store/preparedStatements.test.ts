import { describe, expect, it } from "vitest";
import { statementNaming } from "./preparedStatements.ts";

describe("statementNaming", () => {
  it("names a text from its third use on, always with the same name", () => {
    const naming = statementNaming({ after: 3, limit: 10 });
    expect(naming.nameFor("select $1")).toBeUndefined();
    expect(naming.nameFor("select $1")).toBeUndefined();
    const name = naming.nameFor("select $1");
    expect(name).toMatch(/^parley_\d+$/);
    expect(naming.nameFor("select $1")).toBe(name);
    expect(naming.nameFor("select $2")).toBeUndefined();
  });

  it("gives distinct texts distinct names and stops naming at the limit", () => {
    const naming = statementNaming({ after: 1, limit: 2 });
    const a = naming.nameFor("a");
    const b = naming.nameFor("b");
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    expect(naming.nameFor("c")).toBeUndefined();
    expect(naming.nameFor("a")).toBe(a);
  });

  it("gives a forgotten text a new name, never the one a connection may still hold", () => {
    const naming = statementNaming({ after: 1, limit: 5 });
    const first = naming.nameFor("select * from t where id = $1");
    naming.forget("select * from t where id = $1");
    const second = naming.nameFor("select * from t where id = $1");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it("never names a queue's pick, whose table swings in size, so that it is planned for the table as it is", () => {
    const naming = statementNaming({ after: 1, limit: 5 });
    const pick =
      "UPDATE q SET lease = now() WHERE id IN (SELECT id FROM q ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)";
    for (let i = 0; i < 5; i += 1) expect(naming.nameFor(pick)).toBeUndefined();
    expect(naming.nameFor("select id from q order by id limit $1\n for update skip locked")).toBeUndefined();
    // A row locked by its key keeps its name: its plan does not depend on the table's size.
    expect(naming.nameFor('select "id" from "q" where "id" = $1 for update skip locked')).toBeDefined();
    expect(naming.nameFor("select * from skip_locked_notes where id = $1 limit $2")).toBeDefined();
  });
});
