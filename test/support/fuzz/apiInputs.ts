import fc from "fast-check";
import { hostileJson, hostileString, type JsonMutation, jsonMutation, mutateJson } from "./hostileValues.ts";

/** A route as the Hono app lists it (`/api/conversations/:id`), with what the OpenAPI document says of it. */
export interface FuzzRoute {
  method: string;
  path: string;
  /** The JSON schema of its body, its query parameters' names and schemas, and whether it needs no sign-in. */
  bodySchema?: JsonSchema | undefined;
  query: Record<string, JsonSchema>;
  public: boolean;
}

export type JsonSchema = Record<string, unknown>;

/** Who asks: nobody, each role by session (with and without its CSRF token) or by API token, or a made-up token. */
export const CALLERS = [
  "nobody",
  "admin",
  "admin_without_csrf",
  "supervisor",
  "agent",
  "agent_token",
  "made_up_token",
] as const;
export type Caller = (typeof CALLERS)[number];

export interface ApiInput {
  kind: "api";
  route: number;
  method: string;
  caller: Caller;
  params: ParamChoice[];
  query: Record<string, string>;
  body: ApiBody;
}

/** A path parameter: an id Parley holds (picked from the pool by index), a fresh uuid, or a hostile string. */
export type ParamChoice = { pool: number } | { uuid: string } | { text: string; raw: boolean };

export type ApiBody =
  | { from: "none" }
  | { from: "schema"; value: unknown; mutations: JsonMutation[] }
  | { from: "json"; value: unknown }
  | { from: "text"; text: string }
  /** Past the API's 1 MB limit, declared or chunked. */
  | { from: "huge"; size: number };

/** Loopback addresses where nothing listens: a fuzzed URL must never send Parley off the machine. */
const CLOSED_URLS = [
  "http://127.0.0.1:9/hook",
  "https://127.0.0.1:9/",
  "http://[::1]:9/x",
  "http://localhost:9/",
  "not a url",
  "javascript:alert(1)",
  "file:///etc/passwd",
];

/** Values that fit a JSON schema (as zod writes it), with bounds stretched now and then past their edges. */
export function schemaValue(
  schema: JsonSchema | undefined,
  pool: string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileJson;
  const anyOf = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (anyOf?.length) return fc.oneof(...anyOf.map((s) => schemaValue(s, pool, depth + 1)));
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const shape = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          propertyValue(name, property, pool, depth),
        ]),
      );
      const keys = Object.keys(shape);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), hostileJson, { maxKeys: 3 });
      return fc.record(shape, { requiredKeys: keys.filter((key) => required.has(key)) });
    }
    case "array": {
      const items = schemaValue(schema.items as JsonSchema | undefined, pool, depth + 1);
      const max = typeof schema.maxItems === "number" ? schema.maxItems : 5;
      return fc.array(items, { maxLength: Math.min(max, 5) });
    }
    case "string":
      return stringValue(schema, pool);
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : -1000;
      const max = typeof schema.maximum === "number" ? schema.maximum : 1_000_000;
      return fc.oneof(
        {
          weight: 4,
          arbitrary: type === "integer" ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }),
        },
        fc.constantFrom(min - 1, max + 1, 0.5, -0, 2 ** 53),
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return hostileJson;
  }
}

function propertyValue(
  name: string,
  schema: JsonSchema,
  pool: string[],
  depth: number,
): fc.Arbitrary<unknown> {
  if (/url|webhook/i.test(name)) return fc.constantFrom(...CLOSED_URLS);
  return schemaValue(schema, pool, depth + 1);
}

function stringValue(schema: JsonSchema, pool: string[]): fc.Arbitrary<string> {
  const format = schema.format;
  if (format === "uuid") return fc.oneof(fc.constantFrom(...pool), fc.uuid(), hostileString);
  if (format === "uri" || format === "url") return fc.constantFrom(...CLOSED_URLS);
  if (format === "email") return fc.oneof(fc.emailAddress(), hostileString);
  if (format === "date-time" || format === "date")
    return fc.oneof(
      fc
        .date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true })
        .map((d) => (format === "date" ? d.toISOString().slice(0, 10) : d.toISOString())),
      hostileString,
    );
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : 60;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({ minLength: Math.min(min, 60), maxLength: Math.min(Math.max(min, max), 60) }),
    },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constant("x".repeat(Math.min(max + 1, 70_000))) },
  );
}

const paramChoice: fc.Arbitrary<ParamChoice> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ pool: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ uuid: fc.uuid() }) },
  { weight: 2, arbitrary: fc.record({ text: hostileString, raw: fc.constant(false) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      text: fc.constantFrom("..", "%2e%2e", "%00", "%ZZ", "a%2Fb", "report.csv", "-1", "0", "9".repeat(30)),
      raw: fc.constant(true),
    }),
  },
);

export function apiInputArbitrary(routes: FuzzRoute[], pool: string[]): fc.Arbitrary<ApiInput> {
  return fc.nat({ max: routes.length - 1 }).chain((index) => {
    const route = routes[index]!;
    const queryNames = Object.keys(route.query);
    const queryValue = (name: string) =>
      fc.oneof(
        {
          weight: 3,
          arbitrary: schemaValue(route.query[name], pool).map((value) =>
            typeof value === "string" ? value : (JSON.stringify(value) ?? ""),
          ),
        },
        { weight: 1, arbitrary: hostileString },
      );
    const query = fc.oneof(
      fc.constant({}),
      queryNames.length > 0
        ? fc.record(Object.fromEntries(queryNames.map((name) => [name, queryValue(name)])), {
            requiredKeys: [],
          })
        : fc.constant({}),
      fc.dictionary(
        fc.oneof(fc.constantFrom(...queryNames, "format", "cursor"), fc.string({ maxLength: 6 })),
        hostileString,
        {
          maxKeys: 3,
        },
      ),
    ) as fc.Arbitrary<Record<string, string>>;
    const body: fc.Arbitrary<ApiBody> = fc.oneof(
      { weight: route.bodySchema ? 5 : 30, arbitrary: fc.constant({ from: "none" as const }) },
      {
        weight: route.bodySchema ? 40 : 0,
        arbitrary: fc.record({
          from: fc.constant("schema" as const),
          value: schemaValue(route.bodySchema, pool),
          mutations: fc.oneof(
            { weight: 3, arbitrary: fc.constant<JsonMutation[]>([]) },
            fc.array(jsonMutation, { minLength: 1, maxLength: 2 }),
          ),
        }),
      },
      { weight: 10, arbitrary: fc.record({ from: fc.constant("json" as const), value: hostileJson }) },
      {
        weight: 5,
        arbitrary: fc.record({
          from: fc.constant("text" as const),
          text: fc.oneof(
            hostileString,
            fc.constantFrom(
              "{",
              '{"a":',
              "[1,",
              "nul\u0000l",
              '{"a":"\\ud800"}',
              '{"text":"\\u0000"}',
              `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
              `{"a":${'{"a":'.repeat(20_000)}1${"}".repeat(20_001)}`,
            ),
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ from: fc.constant("huge" as const), size: fc.constant(1024 * 1024 + 1) }),
      },
    );
    return fc.record({
      kind: fc.constant("api" as const),
      route: fc.constant(index),
      method: fc.oneof(
        { weight: 15, arbitrary: fc.constant(route.method) },
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
      ),
      caller: fc.oneof(
        { weight: 4, arbitrary: fc.constant("admin" as const) },
        { weight: 2, arbitrary: fc.constantFrom(...CALLERS) },
      ),
      params: fc.array(paramChoice, { minLength: 4, maxLength: 4 }),
      query,
      body,
    });
  });
}

/** The route's path with each `:name` filled as the input chose. */
export function apiPath(route: FuzzRoute, params: ParamChoice[], pool: string[]): string {
  let next = 0;
  return route.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, () => {
    const choice = params[next++ % params.length]!;
    if ("pool" in choice) return pool.length > 0 ? pool[choice.pool % pool.length]! : "none";
    if ("uuid" in choice) return choice.uuid;
    return choice.raw ? choice.text : percentEncode(choice.text);
  });
}

/** encodeURIComponent, except that a lone surrogate goes as the bytes of U+FFFD instead of throwing. */
export function percentEncode(text: string): string {
  let encoded = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** The body's text; undefined for none (or for the rare value JSON cannot write). */
export function apiBodyText(body: ApiBody): string | undefined {
  try {
    return bodyText(body);
  } catch {
    return undefined;
  }
}

function bodyText(body: ApiBody): string | undefined {
  switch (body.from) {
    case "none":
      return undefined;
    case "schema":
      return JSON.stringify(body.mutations.length > 0 ? mutateJson(body.value, body.mutations) : body.value);
    case "json":
      return JSON.stringify(body.value) ?? "null";
    case "text":
      return body.text;
    case "huge":
      return `{"text":"${"x".repeat(body.size)}"}`;
  }
}
