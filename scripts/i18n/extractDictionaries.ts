/**
 * Moves the strings of every TypeScript dictionary left in the web app (web/src/i18n.ts and any
 * web/src/**\/*I18n.ts in the old `const en = {…}` + `useDictionaryT` format) into the message files
 * web/src/locales/<locale>.json, and rewrites each module to read them through `useNamespaceT`.
 * Safe to run again and again: a converted module holds no dictionary, and ids already in a message file keep
 * the file's wording. See README, "Translating Parley".
 *
 *   npm run i18n:extract            convert, write, format
 *   npm run i18n:extract -- --check  only say whether anything is left to convert (exit 1 if so)
 *   npm run i18n:extract -- --verbose  also show both wordings where the message file's was kept
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ConvertedModule, convertDictionaryModule, DictionaryModuleError } from "./dictionaryModule.ts";
import { icuFromTemplate, templatePlaceholders } from "./icuFromTemplate.ts";
import { type Catalog, inEnglishOrder, mergeNamespace, serializeCatalog } from "./messageCatalog.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const webSrc = path.join(repo, "web/src");
const localesDir = path.join(webSrc, "locales");
const coreModule = path.join(webSrc, "i18n.ts");
/** The app-wide strings of web/src/i18n.ts, read by useT. */
const CORE_NAMESPACE = "common";
/** Placeholder names that usually carry a count: such messages want an ICU plural. */
const COUNT_LIKE = /^(n|count|total|max|min|days|hours|minutes|seconds|\w+Count)$/;

export function dictionaryModules(root = webSrc): string[] {
  const found = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)\w+I18n\.ts$/.test(file))
    .map((file) => path.join(root, file));
  return [path.join(root, "i18n.ts"), ...found.sort()].filter((file) => existsSync(file));
}

export function namespaceOf(file: string): string {
  if (path.resolve(file) === coreModule) return CORE_NAMESPACE;
  return path.basename(file).replace(/I18n\.ts$/, "");
}

export function uiLocales(): string[] {
  const match = /LOCALES\s*=\s*\[([^\]]*)\]/.exec(readFileSync(coreModule, "utf8"));
  if (!match) throw new Error("web/src/i18n.ts declares no LOCALES");
  return [...match[1]!.matchAll(/"(\w+)"/g)].map((m) => m[1]!);
}

function importPath(from: string, to: string): string {
  const relative = path.relative(path.dirname(from), to).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

function convert(file: string, locales: readonly string[]): ConvertedModule | null {
  return convertDictionaryModule(path.relative(repo, file), readFileSync(file, "utf8"), {
    namespace: namespaceOf(file),
    locales,
    hooksModule: importPath(file, path.join(webSrc, "hooks.ts")),
    messagesModule: importPath(file, path.join(webSrc, "messages.ts")),
    rewrite: file !== coreModule,
  });
}

/**
 * web/src/i18n.ts became the list of languages once its dictionaries left, and its old `translate` cannot be
 * rewritten mechanically. When a merge brings back a version with dictionaries (a branch that added strings
 * to it), the strings are taken and the file is restored from the side of the merge that has the new form.
 */
function convertedCoreModule(): string {
  for (const revision of ["MERGE_HEAD", "HEAD", "ORIG_HEAD"]) {
    try {
      const text = execFileSync("git", ["show", `${revision}:web/src/i18n.ts`], {
        cwd: repo,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      });
      if (!/\bconst en\b/.test(text)) return text;
    } catch {
      // No such revision (not merging, or no git): try the next.
    }
  }
  throw new DictionaryModuleError(
    "web/src/i18n.ts: its strings were taken, but no git revision (MERGE_HEAD, HEAD, ORIG_HEAD) has its " +
      "dictionary-free form to restore; take that file from the branch that converted it",
  );
}

function readCatalog(locale: string): Catalog {
  const file = path.join(localesDir, `${locale}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Catalog) : {};
}

function main(): number {
  const check = process.argv.includes("--check");
  const verbose = process.argv.includes("--verbose");
  const locales = uiLocales();
  const pending: { file: string; converted: ConvertedModule }[] = [];
  const problems: string[] = [];
  for (const file of dictionaryModules()) {
    try {
      const converted = convert(file, locales);
      if (converted) pending.push({ file, converted });
    } catch (err) {
      if (!(err instanceof DictionaryModuleError)) throw err;
      problems.push(err.message);
    }
  }
  const modules = new Set(dictionaryModules());
  for (const file of readdirSync(webSrc, { recursive: true, encoding: "utf8" })) {
    const full = path.join(webSrc, file);
    if (!/\.tsx?$/.test(file) || modules.has(full) || file.endsWith(".test.ts")) continue;
    if (readFileSync(full, "utf8").includes("useDictionaryT")) {
      problems.push(
        `web/src/${file} uses useDictionaryT: move its dictionaries into a *I18n.ts module first`,
      );
    }
  }
  const namespaces = new Map<string, string>();
  for (const { file } of pending) {
    const namespace = namespaceOf(file);
    const other = namespaces.get(namespace);
    if (other) problems.push(`${file} and ${other} would share the namespace "${namespace}": rename one`);
    namespaces.set(namespace, file);
  }
  for (const problem of problems) console.error(`cannot convert: ${problem}`);
  if (check) {
    for (const { file } of pending) console.log(`to convert: ${path.relative(repo, file)}`);
    if (pending.length === 0 && problems.length === 0) console.log("Nothing to convert.");
    return pending.length > 0 || problems.length > 0 ? 1 : 0;
  }
  if (problems.length > 0) return 1;
  if (pending.length === 0) {
    console.log("Nothing to convert: every string is in web/src/locales/.");
    return 0;
  }

  const catalogs = new Map(locales.map((locale) => [locale, readCatalog(locale)]));
  for (const { file, converted } of pending) {
    const namespace = namespaceOf(file);
    const english = converted.messages.get("en")!;
    for (const locale of locales) {
      const strings = converted.messages.get(locale);
      if (!strings) {
        console.log(`${path.relative(repo, file)}: no ${locale} dictionary; ${locale} falls back to English`);
        continue;
      }
      const entries = [...strings].map(([key, text]): [string, string] => [key, icuFromTemplate(text)]);
      const outcome = mergeNamespace(catalogs.get(locale)!, namespace, entries);
      catalogs.set(locale, outcome.catalog);
      if (outcome.kept.length > 0) {
        // Usually a message reworded in the file (a plural written by hand) that a branch's old dictionary
        // still has in its first form; now and then a branch's own rewording, to carry over by hand.
        console.log(
          `${locale}: kept the message file's wording of ${outcome.kept.map((k) => k.id).join(", ")}`,
        );
        if (verbose) {
          for (const { id, file: kept, dictionary } of outcome.kept) {
            console.log(
              `  ${id}\n    file:       ${JSON.stringify(kept)}\n    dictionary: ${JSON.stringify(dictionary)}`,
            );
          }
        }
      }
      if (locale !== "en") continue;
      for (const id of outcome.added) {
        const counts = templatePlaceholders(english.get(id.slice(namespace.length + 1))!).filter((name) =>
          COUNT_LIKE.test(name),
        );
        if (counts.length > 0) {
          console.log(`${id}: {${counts.join("}, {")}} looks like a count; write it as an ICU plural`);
        }
      }
    }
    console.log(`${path.relative(repo, file)}: ${english.size} strings → namespace "${namespace}"`);
  }
  const english = catalogs.get("en")!;
  for (const [locale, catalog] of catalogs) {
    const ordered = locale === "en" ? catalog : inEnglishOrder(catalog, english);
    writeFileSync(path.join(localesDir, `${locale}.json`), serializeCatalog(ordered));
  }
  const written: string[] = [];
  let failed = false;
  for (const { file, converted } of pending) {
    try {
      writeFileSync(file, file === coreModule ? convertedCoreModule() : converted.code);
      written.push(file);
    } catch (err) {
      if (!(err instanceof DictionaryModuleError)) throw err;
      console.error(`cannot rewrite: ${err.message}`);
      failed = true;
    }
  }
  // The rewrite leaves gaps and long import lines; Biome lays them out as the rest of the code.
  const biome = spawnSync(path.join(repo, "node_modules/.bin/biome"), ["check", "--write", ...written], {
    cwd: repo,
    stdio: "inherit",
  });
  if (biome.status !== 0) console.error("biome check reported problems in the rewritten modules: see above");
  console.log(
    "Check the result with: npm run check && npx vitest run --project unit web/src/messages.test.ts",
  );
  return biome.status === 0 && !failed ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
