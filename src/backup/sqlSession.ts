import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * One connection, either database: what backup, restore and the move need beyond the query builder (catalog
 * queries, cursors, a transaction held across several steps). Rows come back as the driver parsed them, so
 * callers cast in SQL (`::text`) what must be exact.
 */
export interface SqlSession {
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Rows as arrays, in the select list's order: for copying rows without naming their columns twice. */
  queryArrays(text: string, params?: unknown[]): Promise<unknown[][]>;
}

export function pgliteSession(client: PGlite): SqlSession {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await client.query<Row>(text, params)).rows;
    },
    async queryArrays(text, params = []) {
      return (await client.query<unknown[]>(text, params, { rowMode: "array" })).rows;
    },
  };
}

export function pgClientSession(client: pg.ClientBase): SqlSession {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await client.query<Row>(text, params)).rows;
    },
    async queryArrays(text, params = []) {
      return (await client.query<unknown[]>({ text, values: params, rowMode: "array" })).rows;
    },
  };
}

/** Quotes an identifier the way PostgreSQL's quote_ident does, for names read from the catalog. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
