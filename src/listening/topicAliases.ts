/**
 * A topic's aliases (its parent company, its products: "Nordmart Group", "NordPay") are alternatives to the
 * whole query. The query's exclusions and filters still apply: "Nordmart -вакансия" with the alias
 * "Nordmart Group" finds the group's news but not its job posts.
 */
import { normalizeTerm } from "./normalize.ts";
import type { QueryNode, TermNode } from "./queryParser.ts";

/** An alias as a query term: a word or a phrase, with the generator's variants like any other term. */
export function aliasTerm(alias: string): TermNode | null {
  const text = normalizeTerm(alias);
  if (text === "") return null;
  return {
    type: "term",
    term: alias.trim(),
    text,
    kind: text.includes(" ") ? "phrase" : "word",
    exact: false,
    position: -1,
    length: 0,
  };
}

/**
 * The query with its aliases as alternatives. A top-level AND's NOT and filter children are conditions on
 * the whole topic, so the aliases go beside the rest of it, inside them.
 */
export function withAliases(root: QueryNode, aliases: readonly string[]): QueryNode {
  const terms = aliases.map(aliasTerm).filter((t): t is TermNode => t !== null);
  if (terms.length === 0) return root;
  const at = { position: -1, length: 0 };
  if (root.type === "and") {
    const conditions = root.children.filter((c) => c.type === "not" || c.type === "filter");
    const subject = root.children.filter((c) => c.type !== "not" && c.type !== "filter");
    if (conditions.length > 0 && subject.length > 0) {
      const core: QueryNode = subject.length === 1 ? subject[0]! : { type: "and", children: subject, ...at };
      return {
        type: "and",
        children: [{ type: "or", children: [core, ...terms], ...at }, ...conditions],
        ...at,
      };
    }
  }
  return { type: "or", children: [root, ...terms], ...at };
}
