import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Viewer } from "../domain/roles.ts";
import { unstorablePart } from "../store/storableJson.ts";
import { HttpError } from "./httpError.ts";

export interface AppEnv {
  Variables: { viewer: Viewer | null; ip: string };
}

type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  /** Hono-style path (`/api/conversations/:id`); the OpenAPI path is derived from it. */
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  /** Query parameters that may repeat (`?label=a&label=b`): the schema receives them as arrays of strings. */
  repeatableQuery?: readonly string[];
  params?: P;
  /** Status and schema of the success answer, for the OpenAPI document. */
  response: { status: number; schema?: z.ZodType; description?: string };
  /** Public routes (login, health) skip the sign-in check. */
  public?: boolean;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  viewer: Viewer;
}

const openApiPaths: Record<string, Record<string, unknown>> = {};

function validate<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  // Checked before the schema: PostgreSQL would refuse such a string, and a deep body would exhaust the stack.
  const unstorable = unstorablePart(value);
  if (unstorable)
    throw new HttpError(
      400,
      "invalid_request",
      `Invalid ${where}: ${unstorable.path || "(root)"} ${unstorable.reason}`,
    );
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    throw new HttpError(
      400,
      "invalid_request",
      `Invalid ${where}: ${first ? `${first.path || "(root)"}: ${first.message}` : "malformed"}`,
      issues,
    );
  }
  return result.data;
}

/**
 * Declares an API route once: the same zod schemas validate the request, type the handler and describe the
 * route in /api/openapi.json, so the document cannot drift from the code.
 */
export function apiRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(
  app: Hono<AppEnv>,
  spec: RouteSpec<B, Q, P>,
  handler: (input: RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>>, c: Context<AppEnv>) => Promise<Response>,
): void {
  registerOpenApi(spec);
  app[spec.method](spec.path, async (c) => {
    const viewer = c.get("viewer");
    if (!spec.public && !viewer) throw new HttpError(401, "unauthenticated", "Sign in first");
    let rawBody: unknown;
    if (spec.body) {
      try {
        rawBody = await c.req.json();
      } catch {
        throw new HttpError(400, "invalid_json", "The request body is not valid JSON");
      }
    }
    const body = validate(spec.body, rawBody, "body");
    const query = validate(spec.query, queryOf(c, spec.repeatableQuery), "query");
    const params = validate(spec.params, c.req.param(), "path parameters");
    return handler({ body, query, params, viewer: viewer as Viewer }, c);
  });
}

/** The query string with each parameter once (the first value wins), except the repeatable ones, as arrays. */
function queryOf(c: Context<AppEnv>, repeatable: readonly string[] | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = c.req.query();
  for (const name of repeatable ?? []) {
    const values = c.req.queries(name);
    if (values) query[name] = values;
  }
  return query;
}

function registerOpenApi(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>): void {
  const path = spec.path.replace(/:([A-Za-z]+)/g, "{$1}");
  const parameters: unknown[] = [];
  for (const match of spec.path.matchAll(/:([A-Za-z]+)/g)) {
    parameters.push({ name: match[1], in: "path", required: true, schema: { type: "string" } });
  }
  if (spec.query instanceof z.ZodObject) {
    for (const [name, schema] of Object.entries(spec.query.shape as Record<string, z.ZodType>)) {
      parameters.push({
        name,
        in: "query",
        required: !schema.safeParse(undefined).success,
        schema: jsonSchema(schema),
      });
    }
  }
  const operation: Record<string, unknown> = {
    summary: spec.summary,
    tags: [spec.tag],
    parameters,
    responses: {
      [spec.response.status]: {
        description: spec.response.description ?? "Success",
        ...(spec.response.schema
          ? { content: { "application/json": { schema: jsonSchema(spec.response.schema) } } }
          : {}),
      },
      default: {
        description: "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
    ...(spec.public ? { security: [] } : {}),
  };
  if (spec.body)
    operation.requestBody = {
      required: true,
      content: { "application/json": { schema: jsonSchema(spec.body) } },
    };
  openApiPaths[path] = { ...(openApiPaths[path] ?? {}), [spec.method]: operation };
}

function jsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  } catch {
    return {};
  }
}

export function openApiDocument(): unknown {
  return {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "0.1.0",
      description: "Unified inbox for social media customer service.",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "parley_session" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
              required: ["code", "message"],
            },
          },
        },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths: openApiPaths,
  };
}
