import fc from "fast-check";

/**
 * The raw material of the fuzz campaign: values, strings and byte changes that broke or nearly broke Parley
 * before, or that break systems like it (NUL, lone surrogates, objects whose toString is no function, numbers
 * past a double, injection-looking text), mixed with fast-check's own random JSON.
 */

/** Any UTF-16 code unit, lone surrogates and NUL included: what a JSON `\uXXXX` escape can carry. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      "\u0000",
      "a\u0000b",
      "\ud800",
      "\udc00x",
      "\ud83d\ude00",
      "\uFEFF",
      "\u202Eevil",
      "toString",
      "__proto__",
      "constructor",
      "' OR 1=1 --",
      "'; DROP TABLE raw_events; --",
      "<script>alert(1)</script>",
      "../../etc/passwd",
      "%00",
      "%2e%2e%2f",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection lookalike, sent as plain text
      "${jndi:ldap://127.0.0.1:9/x}",
      "NaN",
      "-1",
      "1e309",
      "9007199254740993",
      "0x10",
      "null",
      "true",
      "2026-02-30T25:61:00Z",
      "Europe/Nowhere",
      "😀".repeat(300),
      "x".repeat(5000),
    ),
  },
);

const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "toString",
    "valueOf",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "",
    "\u0000",
    "\ud800",
  ),
);

/** A value of any JSON type, odd ones favoured, including objects with keys JavaScript treats specially. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: oddScalar },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, tie("value"), { maxKeys: 4 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        {},
        [],
        [null],
        { toString: 1 },
        { valueOf: {} },
        { toJSON: 1 },
        JSON.parse('{"__proto__":{"polluted":true}}'),
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  ),
})).value;

/** One change to a parsed JSON document, applied at the `at`-th of its paths (modulo how many there are). */
export type JsonMutation =
  | { op: "replace"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "wrap"; at: number }
  | { op: "stringify"; at: number }
  | { op: "duplicate"; at: number; times: number };

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant("replace" as const), at: fc.nat(), value: hostileJson }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("wrap" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("stringify" as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("duplicate" as const),
      at: fc.nat(),
      times: fc.integer({ min: 2, max: 50 }),
    }),
  },
);

type Container = Record<string, unknown> | unknown[];
type Slot = { parent: Container; key: string | number };

function slotsOf(root: unknown): Slot[] {
  const slots: Slot[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 20 || node === null || typeof node !== "object") return;
    const container = node as Container;
    for (const key of Array.isArray(container) ? container.keys() : Object.keys(container)) {
      slots.push({ parent: container, key });
      visit((container as Record<string | number, unknown>)[key], depth + 1);
    }
  };
  visit(root, 0);
  return slots;
}

/** Applies the mutations to a deep copy of `document`; a mutation of a document without slots replaces it. */
export function mutateJson(document: unknown, mutations: JsonMutation[]): unknown {
  let root: unknown = structuredClone(document);
  for (const mutation of mutations) {
    const slots = slotsOf(root);
    if (slots.length === 0) {
      if (mutation.op === "replace") root = structuredClone(mutation.value);
      continue;
    }
    const { parent, key } = slots[mutation.at % slots.length]!;
    const holder = parent as Record<string | number, unknown>;
    switch (mutation.op) {
      case "replace":
        // A copy: fast-check hands out its constants by reference, and a later mutation must not change them.
        holder[key] = structuredClone(mutation.value);
        break;
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete holder[key];
        break;
      case "wrap":
        holder[key] = [holder[key]];
        break;
      case "stringify":
        holder[key] = JSON.stringify(holder[key]) ?? "undefined";
        break;
      case "duplicate":
        if (Array.isArray(parent)) parent.push(...Array.from({ length: mutation.times }, () => parent[0]));
        else holder[key] = Array.from({ length: mutation.times }, () => holder[key]);
        break;
    }
  }
  return root;
}

/** One change to a body's bytes: the encodings and truncations a broken proxy or client produces. */
export type ByteMutation =
  | { op: "flip"; at: number; bit: number }
  | { op: "truncate"; at: number }
  | { op: "insert"; at: number; bytes: number[] }
  | { op: "latin1" }
  | { op: "utf16" }
  | { op: "bom" };

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
      // NUL, a lone continuation byte, an overlong slash, a truncated 4-byte sequence, an encoded surrogate.
      fc.constantFrom<number[]>(
        [0x00],
        [0x80],
        [0xc0, 0xaf],
        [0xf0, 0x9f, 0x98],
        [0xed, 0xa0, 0x80],
        [0xff, 0xfe],
      ),
    ),
  }),
  fc.constant({ op: "latin1" as const }),
  fc.constant({ op: "utf16" as const }),
  fc.constant({ op: "bom" as const }),
);

export function mutateBytes(body: Buffer, mutations: ByteMutation[]): Buffer {
  let bytes = Buffer.from(body);
  for (const mutation of mutations) {
    switch (mutation.op) {
      case "flip":
        if (bytes.length > 0) bytes[mutation.at % bytes.length]! ^= 1 << mutation.bit;
        break;
      case "truncate":
        bytes = bytes.subarray(0, bytes.length === 0 ? 0 : mutation.at % bytes.length);
        break;
      case "insert": {
        const at = bytes.length === 0 ? 0 : mutation.at % bytes.length;
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(mutation.bytes), bytes.subarray(at)]);
        break;
      }
      case "latin1":
        bytes = Buffer.from(bytes.toString("utf8"), "latin1");
        break;
      case "utf16":
        bytes = Buffer.from(bytes.toString("utf8"), "utf16le");
        break;
      case "bom":
        bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
        break;
    }
  }
  return bytes;
}
