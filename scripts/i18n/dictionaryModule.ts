import ts from "typescript";

/**
 * Reads and rewrites one web module in the old format: TypeScript dictionaries per locale (`const en = {…}`,
 * `const ru: Record<Key, string> = {…}`, a `DICTIONARIES = { en, ru, … }` table, or a table written inline)
 * handed to `useDictionaryT`. The strings come out as data; the module comes out without them, its hook
 * reading the message files through `useNamespaceT(namespace)`.
 */

export class DictionaryModuleError extends Error {}

export interface DictionaryModuleOptions {
  namespace: string;
  /** The UI languages (web/src/i18n.ts LOCALES): the names a table's properties must have. */
  locales: readonly string[];
  /** Import specifiers, relative to the module, of web/src/hooks.ts and web/src/messages.ts. */
  hooksModule: string;
  messagesModule: string;
  /** False to only read the strings (web/src/i18n.ts is restored whole instead of rewritten). */
  rewrite?: boolean;
}

export interface ConvertedModule {
  /** locale → key → string, in the source's order, still in the old `{name}` template form. */
  messages: Map<string, Map<string, string>>;
  /** The module without its dictionaries. */
  code: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface ObjectConst {
  statement: ts.VariableStatement;
  literal: ts.ObjectLiteralExpression;
}

/** Null when the module holds no dictionary (already converted, or never was one). */
export function convertDictionaryModule(
  fileName: string,
  source: string,
  options: DictionaryModuleOptions,
): ConvertedModule | null {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const fail = (node: ts.Node, why: string): never => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart());
    throw new DictionaryModuleError(`${fileName}:${line + 1}: ${why}`);
  };
  const consts = topLevelObjectConsts(file, fail);
  const isLocale = (name: string) => options.locales.includes(name);
  const isTable = (literal: ts.ObjectLiteralExpression) =>
    literal.properties.length > 0 &&
    literal.properties.every((p) => p.name !== undefined && isLocale(propertyName(p.name, fail)));

  // Which object literal holds which locale's strings, and which declarations go away with them.
  const dictionaries = new Map<string, ts.ObjectLiteralExpression>();
  const removed = new Set<string>();
  const readTable = (table: ts.ObjectLiteralExpression) => {
    for (const property of table.properties) {
      const locale = propertyName(property.name!, fail);
      const value = ts.isShorthandPropertyAssignment(property)
        ? property.name
        : ts.isPropertyAssignment(property)
          ? unwrap(property.initializer)
          : fail(property, "a locale of a dictionary table must be `locale: {…}` or `locale: name`");
      if (ts.isObjectLiteralExpression(value)) dictionaries.set(locale, value);
      else if (ts.isIdentifier(value) && consts.has(value.text)) {
        dictionaries.set(locale, consts.get(value.text)!.literal);
        removed.add(value.text);
      } else fail(value, "a dictionary table must name object literals declared in this module");
    }
  };
  for (const [name, { literal }] of consts) {
    if (isTable(literal)) {
      readTable(literal);
      removed.add(name);
    } else if (isLocale(name)) {
      dictionaries.set(name, literal);
      removed.add(name);
    }
  }
  const inlineTables: ts.ObjectLiteralExpression[] = [];
  visit(file, (node) => {
    if (isCallTo(node, "useDictionaryT")) {
      const argument = node.arguments[0] && unwrap(node.arguments[0]);
      if (argument && ts.isObjectLiteralExpression(argument)) inlineTables.push(argument);
    }
    return true;
  });
  for (const table of inlineTables) readTable(table);
  if (dictionaries.size === 0) return null;
  if (!dictionaries.has("en")) throw new DictionaryModuleError(`${fileName}: dictionaries without English`);

  const messages = new Map<string, Map<string, string>>();
  const evaluating = new Set<ts.ObjectLiteralExpression>();
  const evaluate = (literal: ts.ObjectLiteralExpression): Map<string, string> => {
    if (evaluating.has(literal)) fail(literal, "a dictionary spreads itself");
    evaluating.add(literal);
    const entries = new Map<string, string>();
    for (const property of literal.properties) {
      if (ts.isSpreadAssignment(property)) {
        const spread = unwrap(property.expression);
        const origin = ts.isIdentifier(spread) ? consts.get(spread.text) : undefined;
        if (!origin) fail(property, "only another dictionary of this module can be spread into a dictionary");
        for (const [key, text] of evaluate(origin!.literal)) entries.set(key, text);
      } else if (ts.isPropertyAssignment(property)) {
        entries.set(propertyName(property.name, fail), stringValue(property.initializer, fail));
      } else fail(property, 'a dictionary entry must be `key: "text"`');
    }
    evaluating.delete(literal);
    return entries;
  };
  for (const [locale, literal] of dictionaries) messages.set(locale, evaluate(literal));
  for (const name of removed) {
    const { statement } = consts.get(name)!;
    if (statement.declarationList.declarations.length > 1) {
      fail(statement, "declare each dictionary in a `const` of its own");
    }
  }

  if (options.rewrite === false) return { messages, code: source };

  const namespace = JSON.stringify(options.namespace);
  const edits: Edit[] = [];
  const removedStatements = new Set([...removed].map((name) => consts.get(name)!.statement));
  for (const statement of removedStatements) {
    // Its comments go with it; the blank line before it stays (Biome folds repeated blank lines into one).
    edits.push({ start: statement.getFullStart(), end: statement.getEnd(), text: "\n" });
  }
  const isRemoved = (node: ts.Node) => ts.isIdentifier(node) && removed.has(node.text);
  visit(file, (node) => {
    if (ts.isVariableStatement(node) && removedStatements.has(node)) return false;
    if (ts.isImportDeclaration(node)) return false;
    if (isCallTo(node, "useDictionaryT")) {
      edits.push(replace(node, `useNamespaceT(${namespace})`));
      return false;
    }
    if (
      ts.isTypeOperatorNode(node) &&
      node.operator === ts.SyntaxKind.KeyOfKeyword &&
      ts.isTypeQueryNode(node.type) &&
      isRemoved(node.type.exprName)
    ) {
      edits.push(replace(node, `NamespaceKey<${namespace}>`));
      return false;
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.InKeyword &&
      isRemoved(unwrap(node.right))
    ) {
      edits.push(replace(node, `isNamespaceKey(${namespace}, ${node.left.getText()})`));
      return false;
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.getText() === "Object.hasOwn" &&
      node.arguments.length === 2 &&
      isRemoved(unwrap(node.arguments[0]!))
    ) {
      edits.push(replace(node, `isNamespaceKey(${namespace}, ${node.arguments[1]!.getText()})`));
      return false;
    }
    if (isRemoved(node) && isReference(node as ts.Identifier)) {
      fail(node, `uses the dictionary "${(node as ts.Identifier).text}" in a way the script cannot rewrite`);
    }
    return true;
  });

  let code = applyEdits(source, edits);
  code = removeUnusedLocalTypes(fileName, code);
  code = settleImports(fileName, code, options);
  return { messages, code };
}

function topLevelObjectConsts(
  file: ts.SourceFile,
  fail: (node: ts.Node, why: string) => never,
): Map<string, ObjectConst> {
  const consts = new Map<string, ObjectConst>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!declaration.initializer) continue;
      const literal = unwrap(declaration.initializer);
      if (!ts.isObjectLiteralExpression(literal)) continue;
      if (!ts.isIdentifier(declaration.name)) fail(declaration, "destructuring around a dictionary");
      consts.set((declaration.name as ts.Identifier).text, { statement, literal });
    }
  }
  return consts;
}

/** `x as const`, `x satisfies T`, `(x)`: the expression inside. */
function unwrap(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isParenthesizedExpression(inner) ||
    ts.isTypeAssertionExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}

function propertyName(name: ts.PropertyName, fail: (node: ts.Node, why: string) => never): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const expression = unwrap(name.expression);
    if (ts.isStringLiteralLike(expression)) return expression.text;
  }
  return fail(name, "a dictionary key must be a name or a string");
}

function stringValue(expression: ts.Expression, fail: (node: ts.Node, why: string) => never): string {
  const inner = unwrap(expression);
  if (ts.isStringLiteralLike(inner)) return inner.text;
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return stringValue(inner.left, fail) + stringValue(inner.right, fail);
  }
  return fail(expression, "a dictionary value must be a string (literals joined with + are fine)");
}

function isCallTo(node: ts.Node, name: string): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name;
}

/** Walks the tree; `enter` returns false to skip a node's children. */
function visit(node: ts.Node, enter: (node: ts.Node) => boolean): void {
  node.forEachChild((child) => {
    if (enter(child) !== false) visit(child, enter);
  });
}

function replace(node: ts.Node, text: string): Edit {
  return { start: node.getStart(), end: node.getEnd(), text };
}

function applyEdits(source: string, edits: Edit[]): string {
  let code = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  }
  return code;
}

/** An identifier that names a value or type, not a property name (`x.en`, `{ en: … }`). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node)
    return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  return true;
}

/** How often each name is used outside import declarations and its own declaration's name. */
function referenceCounts(file: ts.SourceFile): Map<string, number> {
  const counts = new Map<string, number>();
  visit(file, (node) => {
    if (ts.isImportDeclaration(node)) return false;
    if (ts.isIdentifier(node) && isReference(node)) {
      const parent = node.parent;
      const declares =
        (ts.isTypeAliasDeclaration(parent) || ts.isInterfaceDeclaration(parent)) && parent.name === node;
      if (!declares) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    }
    return true;
  });
  return counts;
}

/** Drops the module's own type aliases that only described the dictionaries (`type Dictionary = …`). */
function removeUnusedLocalTypes(fileName: string, source: string): string {
  let code = source;
  for (;;) {
    const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const counts = referenceCounts(file);
    const unused = file.statements.filter(
      (statement) =>
        (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) &&
        !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
        !counts.has(statement.name.text),
    );
    if (unused.length === 0) return code;
    code = applyEdits(
      code,
      unused.map((statement) => ({ start: statement.getFullStart(), end: statement.getEnd(), text: "" })),
    );
  }
}

const PROVIDED = [
  { name: "useNamespaceT", module: "hooksModule", typeOnly: false },
  { name: "isNamespaceKey", module: "messagesModule", typeOnly: false },
  { name: "NamespaceKey", module: "messagesModule", typeOnly: true },
] as const;

/** Removes imports the dictionaries needed (Locale, useDictionaryT…) and adds those of the new hook. */
function settleImports(fileName: string, source: string, options: DictionaryModuleOptions): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const counts = referenceCounts(file);
  const needed = PROVIDED.filter((p) => counts.has(p.name));
  const edits: Edit[] = [];
  const imports = file.statements.filter(ts.isImportDeclaration);
  for (const declaration of imports) {
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const kept = bindings.elements.filter(
      (element) => counts.has(element.name.text) && !needed.some((p) => p.name === element.name.text),
    );
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    const added = needed.filter((p) => options[p.module] === specifier);
    if (kept.length === bindings.elements.length && added.length === 0) continue;
    const names = [
      ...kept.map((element) => element.getText()),
      ...added.map((p) => (p.typeOnly && !declaration.importClause!.isTypeOnly ? `type ${p.name}` : p.name)),
    ];
    const typeOnlyClause = declaration.importClause!.isTypeOnly && added.some((p) => !p.typeOnly);
    const hasDefault = declaration.importClause!.name !== undefined;
    if (names.length === 0 && !hasDefault) {
      edits.push({ start: declaration.getFullStart(), end: declaration.getEnd(), text: "" });
    } else if (typeOnlyClause) {
      // `import type { A }` cannot take a value: write each type-only name as `type A` instead.
      const values = names.map((name) =>
        kept.some((k) => k.getText() === name) && !name.startsWith("type ") ? `type ${name}` : name,
      );
      edits.push(replace(declaration, `import { ${values.join(", ")} } from ${JSON.stringify(specifier)};`));
    } else {
      edits.push(replace(bindings, `{ ${names.join(", ")} }`));
    }
  }
  const present = new Set(imports.map((d) => (d.moduleSpecifier as ts.StringLiteral).text));
  const fresh = new Map<string, string[]>();
  for (const p of needed) {
    const specifier = options[p.module];
    if (present.has(specifier)) continue;
    fresh.set(specifier, [...(fresh.get(specifier) ?? []), p.typeOnly ? `type ${p.name}` : p.name]);
  }
  if (fresh.size > 0) {
    const at = imports.length > 0 ? imports[imports.length - 1]!.getEnd() : 0;
    const lines = [...fresh].map(([specifier, names]) => {
      const allTypes = names.every((name) => name.startsWith("type "));
      const list = allTypes ? names.map((name) => name.slice(5)) : names;
      return `import ${allTypes ? "type " : ""}{ ${list.join(", ")} } from ${JSON.stringify(specifier)};`;
    });
    edits.push({ start: at, end: at, text: `${at > 0 ? "\n" : ""}${lines.join("\n")}${at > 0 ? "" : "\n"}` });
  }
  return blankLineAfterImports(fileName, applyEdits(source, edits));
}

function blankLineAfterImports(fileName: string, source: string): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lastImport = file.statements.filter(ts.isImportDeclaration).at(-1);
  if (!lastImport) return source;
  const rest = source.slice(lastImport.getEnd()).replace(/^\s*/, "");
  return `${source.slice(0, lastImport.getEnd())}\n${rest ? "\n" : ""}${rest}`;
}
