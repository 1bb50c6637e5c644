/**
 * What the design system asks of every stylesheet but the tokens file: no colour written as a value (hex, rgb(),
 * hsl(), a named colour) and no custom property the tokens file does not define. Read by the unit test beside
 * it, which walks web/src; kept apart so the rules can be tested on small examples.
 */

export interface StyleProblem {
  line: number;
  text: string;
  reason: string;
}

const NAMED_COLOURS =
  "white|black|red|green|blue|gray|grey|yellow|orange|purple|pink|brown|silver|navy|teal|maroon|olive|lime|aqua|fuchsia";
const RAW_COLOUR = new RegExp(
  `#[0-9a-fA-F]{3,8}\\b|\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\(|\\b(?:${NAMED_COLOURS})\\b`,
);

/** Names that stylesheets used before the tokens, with the token that replaced each. */
export const RENAMED_TOKENS: Readonly<Record<string, string>> = {
  "--bg": "--color-bg",
  "--panel": "--color-surface",
  "--line": "--color-border",
  "--text": "--color-text",
  "--muted": "--color-text-muted",
  "--accent": "--color-accent",
  "--warn": "--color-danger",
  "--note": "--color-note",
};

/** The custom properties a tokens stylesheet defines. */
export function definedTokens(tokensCss: string): Set<string> {
  return new Set([...tokensCss.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!));
}

/** Blanks comments out, keeping their line breaks so that line numbers still point at the source. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}

/** The problems of one stylesheet, each with its line, checked against the tokens that exist. */
export function styleProblems(css: string, tokens: ReadonlySet<string>): StyleProblem[] {
  const problems: StyleProblem[] = [];
  const source = withoutComments(css);
  // Only declarations, values spread over several lines too: a selector such as `.seg.red` may name anything.
  for (const match of source.matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)) {
    const [text, property, value] = match as unknown as [string, string, string];
    const line = source.slice(0, match.index).split("\n").length;
    const problem = (reason: string) => problems.push({ line, text: text.replace(/\s+/g, " "), reason });
    if (property.startsWith("--")) problem("defines a custom property: tokens live in tokens.css");
    if (RAW_COLOUR.test(value)) problem("raw colour: name a --color-* token instead");
    for (const [, name] of value.matchAll(/var\(\s*(--[\w-]+)/g)) {
      const renamed = RENAMED_TOKENS[name!];
      if (renamed) problem(`${name} is now ${renamed}`);
      else if (!tokens.has(name!)) problem(`${name} is no token`);
    }
  }
  return problems;
}
