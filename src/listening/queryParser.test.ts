import { describe, expect, it } from "vitest";
import { MAX_QUERY_TERMS, parseQuery, type QueryNode, QuerySyntaxError } from "./queryParser.ts";

/** A compact rendering of the tree: terms as written, operators as prefix lists. */
function show(node: QueryNode): string {
  switch (node.type) {
    case "term":
      return `${node.exact ? "=" : ""}${node.kind === "phrase" ? `"${node.term}"` : node.term}`;
    case "filter":
      return `${node.field}:${node.values.join("|")}`;
    case "not":
      return `(NOT ${show(node.child)})`;
    case "near":
      return `(NEAR/${node.distance} ${show(node.left)} ${show(node.right)})`;
    case "and":
    case "or":
      return `(${node.type.toUpperCase()} ${node.children.map(show).join(" ")})`;
  }
}

const tree = (query: string) => show(parseQuery(query).root);

function syntaxError(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
}

describe("query parser", () => {
  it("reads words, phrases, exact terms, hashtags and handles", () => {
    const { terms } = parseQuery('nordmart "Bonus  Programme" =nordmart ="М.Видео" #МВидео @nordmart_help');
    expect(terms.map((t) => [t.term, t.text, t.kind, t.exact])).toEqual([
      ["nordmart", "nordmart", "word", false],
      ["Bonus  Programme", "bonus programe", "phrase", false],
      ["nordmart", "nordmart", "word", true],
      ["М.Видео", "м видео", "phrase", true],
      ["#МВидео", "мвидео", "hashtag", false],
      ["@nordmart_help", "nordmart_help", "handle", false],
    ]);
    expect(terms[1]).toMatchObject({ position: 9, length: 18 });
    expect(terms[3]).toMatchObject({ position: 38, length: 10 });
  });

  it("treats juxtaposition as AND and reads operators in any case", () => {
    expect(tree("delivery late")).toBe("(AND delivery late)");
    expect(tree("a and b Or c")).toBe("(OR (AND a b) c)");
    expect(tree("a OR b OR c")).toBe("(OR a b c)");
  });

  it("binds NOT tighter than NEAR, NEAR tighter than AND, AND tighter than OR", () => {
    expect(tree("a OR b AND c")).toBe("(OR a (AND b c))");
    expect(tree("a AND b NEAR/3 c")).toBe("(AND a (NEAR/3 b c))");
    expect(tree("a b NEAR/2 c OR d")).toBe("(OR (AND a (NEAR/2 b c)) d)");
    expect(tree("a NEAR/1 b NEAR/5 c")).toBe("(NEAR/5 (NEAR/1 a b) c)");
    expect(tree("a AND NOT b OR c")).toBe("(OR (AND a (NOT b)) c)");
    expect(tree("a -b -(c OR d)")).toBe("(AND a (NOT b) (NOT (OR c d)))");
    expect(tree('a -"spam job"')).toBe('(AND a (NOT "spam job"))');
  });

  it("groups with parentheses and lets NEAR join OR groups", () => {
    expect(tree("(a OR b) AND c")).toBe("(AND (OR a b) c)");
    expect(tree('(bonus OR "bonus card") NEAR/4 (nordmart OR #nordmart)')).toBe(
      '(NEAR/4 (OR bonus "bonus card") (OR nordmart #nordmart))',
    );
    expect(tree("((a))")).toBe("a");
  });

  it("keeps hyphenated words as one term and reads a leading minus as NOT", () => {
    expect(tree("e-commerce -spam")).toBe("(AND e-commerce (NOT spam))");
    expect(parseQuery("e-commerce").terms[0]?.text).toBe("e comerce");
  });

  it("reads language and source filters", () => {
    expect(tree("nordmart lang:ru")).toBe("(AND nordmart lang:ru)");
    expect(tree("nordmart LANG:(ru OR pl) source:Facebook")).toBe(
      "(AND nordmart lang:ru|pl source:facebook)",
    );
    expect(tree("(nordmart lang:ru) OR (нордмарт -lang:ru)")).toBe(
      "(OR (AND nordmart lang:ru) (AND нордмарт (NOT lang:ru)))",
    );
  });

  it("searches an operator word when it is quoted", () => {
    expect(tree('rock "and" roll')).toBe('(AND rock "and" roll)');
    expect(tree('stores "near" me')).toBe('(AND stores "near" me)');
  });

  it.each([
    ['nordmart AND "bonus', "Missing closing quote opened at 13", 13, 6],
    ["nordmart NEAR/x bonus", "NEAR needs a number: NEAR/3", 9, 6],
    ["nordmart near bonus", "NEAR needs a number: NEAR/3", 9, 4],
    ["nordmart OR", "Operator OR at 9 has nothing on its right", 9, 2],
    ["OR nordmart", "Operator OR at 0 has nothing on its left", 0, 2],
    ["nordmart AND OR bonus", "Operator OR at 13 has nothing on its left", 13, 2],
    ["(nordmart OR) bonus", "Operator OR at 10 has nothing on its right", 10, 2],
    ['nordmart AND ("bonus programme" OR x', "Unbalanced parenthesis at 13: it is never closed", 13, 1],
    ["nordmart) OR bonus", "Unbalanced parenthesis at 8: nothing opened it", 8, 1],
    ["nordmart AND ()", "Empty parentheses at 13", 13, 2],
    ["NOT nordmart", "A query cannot be only NOT terms", 0, 12],
    ["-a -b", "A query cannot be only NOT terms", 0, 5],
    ["nordmart NOT", "NOT at 9 has nothing to negate", 9, 3],
    ["NOT spam OR nordmart", "The part at 0 can match without any term", 0, 8],
    ["lang:ru", "A query needs at least one term besides filters", 0, 7],
    ["nordmart lang:xx", 'Unknown language "xx" at 9', 9, 7],
    ["nordmart lang:", "lang: at 9 needs a value", 9, 5],
    [
      "a NEAR/3 (b AND c)",
      "NEAR at 2 joins words, phrases and OR groups of them; the part at 10 is not one",
      10,
      7,
    ],
    [
      "a NEAR/3 NOT b",
      "NEAR at 2 joins words, phrases and OR groups of them; the part at 9 is not one",
      9,
      5,
    ],
    ["a NEAR/300 b", "NEAR at 2 allows at most 100 words between", 2, 8],
    ["nordmart !!!", 'The term "!!!" at 9 has no letters or digits', 9, 3],
    ["nordmart # x", '"#" at 9 needs a name right after it', 9, 1],
    ["= nordmart", '"=" at 0 needs a word or a "phrase" right after it', 0, 1],
    ['a ""', "Empty quotes at 2", 2, 2],
    ["   ", "The query is empty", 0, 3],
  ])("refuses %j: %s", (query, message, position, length) => {
    const error = syntaxError(query);
    expect(error.message).toContain(message);
    expect({ position: error.position, length: error.length }).toEqual({ position, length });
  });

  it("limits the query's length, its terms and its nesting", () => {
    expect(syntaxError("a".repeat(4097))).toMatchObject({ position: 4096, length: 1 });
    const many = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `t${i}`).join(" OR ");
    expect(syntaxError(many).message).toContain(`more than ${MAX_QUERY_TERMS} terms`);
    expect(syntaxError(`${"(".repeat(40)}a${")".repeat(40)}`).message).toContain("nests deeper than 32");
    expect(() => parseQuery(`${"NOT ".repeat(1000)}a`)).toThrow(QuerySyntaxError);
  });
});
