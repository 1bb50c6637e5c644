import pg from "pg";

/**
 * Names the statements a process sends again and again, so that PostgreSQL parses (and, once a generic plan pays,
 * plans) each of them once per connection instead of on every call. Ingest and triage send the same few dozen
 * statements for every event; unnamed, the server re-parses each one, which measured as much of its CPU per event
 * as the work itself (see the README's capacity model).
 *
 * Only statements with parameters are named: they already go through the extended protocol, whereas a statement
 * without them may be several commands in one string (migrations), which a prepared statement cannot hold. A text
 * is named once it has been seen a few times, and only up to a fixed number of texts per process, so that one-off
 * statements (a report's filter combination, an IN list of a rare length) do not pile up prepared statements on
 * every connection of the server.
 *
 * A queue's pick (`… LIMIT n FOR UPDATE SKIP LOCKED`) is never named. Its table swings from empty to thousands of
 * rows within a comment storm, and a generic plan made while it was small stays in use until statistics are gathered
 * again: measured on PGlite (which never analyzes by itself), a raw-event pick planned on the empty table then took
 * 300 ms instead of 5. Planned afresh each time, it sees the table as it is. A row locked by its key (`WHERE id = $1
 * FOR UPDATE SKIP LOCKED`, a conversation's triage) stays named: its plan is the key's index whatever the size, and
 * naming every SKIP LOCKED statement cost about 12 % of PostgreSQL's throughput.
 */
export interface StatementNaming {
  /** The name to send with this text, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined;
  /** Forgets a text whose prepared form the server refused (its tables changed shape under it). */
  forget(text: string): void;
}

/** A LIMIT before SKIP LOCKED: a scan for the next few items of a queue, not a lock on one known row. */
const QUEUE_PICK = /\blimit\b[\s\S]*\bskip\s+locked\b/i;

export function statementNaming(options: { after: number; limit: number }): StatementNaming {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  /** A forgotten text gets a fresh name: a connection that already prepared the old one keeps it to itself. */
  let generation = 0;
  return {
    nameFor(text) {
      const named = names.get(text);
      if (named !== undefined) return named;
      if (QUEUE_PICK.test(text)) return undefined;
      if (names.size >= options.limit) return undefined;
      const count = (seen.get(text) ?? 0) + 1;
      if (count < options.after) {
        // Bounded like the names: a flood of distinct texts must not grow this map without end.
        if (seen.size < options.limit * 8) seen.set(text, count);
        return undefined;
      }
      seen.delete(text);
      generation += 1;
      const name = `parley_${generation}`;
      names.set(text, name);
      return name;
    },
    forget(text) {
      names.delete(text);
    },
  };
}

/** A prepared statement planned before a migration changed its table's columns; the server asks for a new one. */
function isStalePlan(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    (err as { code?: unknown }).code === "0A000" &&
    /cached plan must not change result type/.test(String((err as { message?: unknown }).message))
  );
}

interface QueryConfigLike {
  text: string;
  values?: unknown[];
  name?: string;
}

function isNameable(config: unknown, values: unknown): boolean {
  if (typeof config !== "object" || config === null) return false;
  const candidate = config as Partial<QueryConfigLike> & { submit?: unknown };
  // A Query or Cursor object (submit) manages its own protocol; a named one is left as it is.
  if (typeof candidate.text !== "string" || candidate.name !== undefined || candidate.submit) return false;
  const params = values ?? candidate.values;
  return Array.isArray(params) && params.length > 0;
}

/** A `pg.Client` whose parameterized queries are named by `naming`; anything else passes through untouched. */
export function namingClientClass(naming: StatementNaming): typeof pg.Client {
  class NamingClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads cannot be restated one by one in a subclass.
    override query(config: any, values?: any, callback?: any): any {
      // pg.Pool's own query() calls back; a checked-out client (a transaction) is awaited.
      const done = typeof values === "function" ? values : callback;
      const params = typeof values === "function" ? undefined : values;
      if (!isNameable(config, params)) return super.query(config, values, callback);
      const text = (config as QueryConfigLike).text;
      const name = naming.nameFor(text);
      if (name === undefined) return super.query(config, values, callback);
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      const named: any = { ...config, name, ...(params === undefined ? {} : { values: params }) };
      const forgetStale = (err: unknown) => {
        if (isStalePlan(err)) naming.forget(text);
        return isStalePlan(err);
      };
      // pg.Pool's query(), a statement on its own: a stale plan is simply asked again, unnamed.
      if (typeof done === "function")
        return super.query(named, (err: Error | null, result: unknown) => {
          if (err && forgetStale(err)) super.query(config, params, done);
          else done(err, result);
        });
      // Inside a transaction the error aborts it anyway: it goes up, and the caller's retry sends the text under a
      // new name, which the server plans afresh.
      return (super.query(named) as Promise<unknown>).catch((err: unknown) => {
        forgetStale(err);
        throw err;
      });
    }
  }
  return NamingClient as unknown as typeof pg.Client;
}
