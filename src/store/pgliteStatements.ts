import {
  type messages,
  type PGlite,
  parse,
  protocol,
  type Results,
  type Transaction,
} from "@electric-sql/pglite";
import type { StatementNaming } from "./preparedStatements.ts";

type QueryOptions = Parameters<PGlite["query"]>[2];
type BackendMessage = messages.BackendMessage;

/**
 * What this module uses of PGlite beyond its documented API: the two locks its own `query` takes. Checked when the
 * database opens, so that a PGlite upgrade that moves them turns the fast path off instead of breaking every statement.
 */
interface PgliteInternals {
  _runExclusiveQuery<T>(run: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(run: () => Promise<T>): Promise<T>;
}

function internalsOf(client: PGlite): PgliteInternals | null {
  const candidate = client as unknown as Partial<PgliteInternals>;
  return typeof candidate._runExclusiveQuery === "function" &&
    typeof candidate._runExclusiveTransaction === "function" &&
    typeof client.serializers === "object" &&
    typeof client.parsers === "object" &&
    typeof client.execProtocol === "function"
    ? (candidate as PgliteInternals)
    : null;
}

interface PreparedStatement {
  name: string;
  paramTypes: number[];
  /** The rows' shape, known from the statement's description; null for a statement that returns none. */
  rowDescription: messages.RowDescriptionMessage | null;
}

/** The parts of a query's options this path honours; any other option sends the query down PGlite's own path. */
const HANDLED_OPTIONS = new Set(["rowMode", "parsers", "serializers"]);

function isPlain(params: unknown[] | undefined, options: QueryOptions): params is unknown[] {
  if (!params || params.length === 0) return false;
  return options === undefined || Object.keys(options).every((key) => HANDLED_OPTIONS.has(key));
}

function joined(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

/** The server refused a prepared statement because what it reads changed shape, or it no longer has it. */
function isStale(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === "26000" || (code === "0A000" && /cached plan must not change result type/.test(String(err)))
  );
}

export interface PgliteStatements {
  /** `PGlite.query`, through a named statement once the text has come often enough. */
  query: PGlite["query"];
  /** The transaction handle a `PGlite.transaction` callback receives, with the same fast `query`. */
  within(tx: Transaction): Transaction;
}

/**
 * Statements that come again and again (ingest's and triage's few dozen) are prepared once under a name, like the
 * PostgreSQL pool does (preparedStatements.ts), and each run is sent as one message buffer: bind, execute, sync.
 * PGlite's own `query` parses and plans the text every time and crosses into the WebAssembly backend six times per
 * statement (parse, describe, bind, describe, execute, sync). PGlite runs every statement of the process on the one
 * thread that also answers webhooks, so this is the embedded default's throughput: measured with the worker running,
 * raw events processed went from about 100 to 165 per second, mostly from plans made once (queue picks excepted, see
 * statementNaming).
 *
 * Results are parsed by PGlite's own `parseResults` with its type parsers, so rows look exactly as `query` returns
 * them. Returns null where this PGlite lacks what the fast path needs.
 */
export function pgliteStatements(client: PGlite, naming: StatementNaming): PgliteStatements | null {
  const internals = internalsOf(client);
  if (!internals) return null;
  const prepared = new Map<string, PreparedStatement>();
  const send = async (parts: Uint8Array[]): Promise<BackendMessage[]> =>
    (await client.execProtocol(joined(parts), { syncToFs: false })).messages;

  const prepare = async (name: string, text: string): Promise<PreparedStatement> => {
    const described = await send([
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: "S", name }),
      protocol.serialize.sync(),
    ]);
    const rowDescription = described.find((m) => m.name === "rowDescription") as
      | messages.RowDescriptionMessage
      | undefined;
    return {
      name,
      paramTypes: parse.parseDescribeStatementResults(described),
      rowDescription: rowDescription ?? null,
    };
  };

  const run = async (
    text: string,
    name: string,
    params: unknown[],
    options: QueryOptions,
  ): Promise<Results> => {
    // A text forgotten as stale leaves this map with its name, so a text found here is prepared under `name`.
    let statement = prepared.get(text);
    if (!statement) {
      statement = await prepare(name, text);
      prepared.set(text, statement);
    }
    const types = statement.paramTypes;
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const type = types[index] ?? 0;
      const serialize = options?.serializers?.[type] ?? client.serializers[type];
      return serialize ? serialize(value) : String(value);
    });
    const answered = await send([
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]);
    const stream = statement.rowDescription ? [statement.rowDescription, ...answered] : answered;
    return parse.parseResults(stream, client.parsers, options)[0]!;
  };

  /**
   * Runs `text` under its name, or through PGlite's own query (`fallback`) when unnamed or unusual. Outside a
   * transaction it takes both locks PGlite's own query takes and writes the files out after, as that does; inside one
   * the transaction already holds the first.
   */
  const query = async (
    text: string,
    params: unknown[] | undefined,
    options: QueryOptions,
    fallback: () => Promise<Results>,
    outsideTransaction: boolean,
  ): Promise<Results> => {
    if (!isPlain(params, options)) return fallback();
    const name = naming.nameFor(text);
    if (name === undefined) return fallback();
    const work = () => run(text, name, params, options);
    try {
      if (!outsideTransaction) return await internals._runExclusiveQuery(work);
      const results = await internals._runExclusiveTransaction(() => internals._runExclusiveQuery(work));
      await client.syncToFs();
      return results;
    } catch (err) {
      if (!isStale(err)) throw err;
      // A migration changed what the statement reads: the text gets a new name on its next use. Outside a transaction
      // it is simply asked again unnamed; inside one the error has aborted the transaction, so it goes up to be retried.
      naming.forget(text);
      prepared.delete(text);
      if (outsideTransaction) return fallback();
      throw err;
    }
  };

  const fastQuery = ((text: string, params?: unknown[], options?: QueryOptions) =>
    query(text, params, options, () => client.query(text, params, options), true)) as PGlite["query"];

  return {
    query: fastQuery,
    within(tx) {
      const inTransaction = ((text: string, params?: unknown[], options?: QueryOptions) => {
        if (tx.closed) throw new Error("Transaction is closed");
        return query(text, params, options, () => tx.query(text, params, options), false);
      }) as Transaction["query"];
      return new Proxy(tx, {
        get(target, property, receiver) {
          if (property === "query") return inTransaction;
          return Reflect.get(target, property, receiver);
        },
      });
    },
  };
}
