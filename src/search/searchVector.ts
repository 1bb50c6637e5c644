import { type SQL, sql } from "drizzle-orm";
import { messageLexemes } from "./searchLexemes.ts";

/**
 * The search vector of a text as an SQL expression, for writing it with the message itself: ingest does, so
 * the bulk of messages costs no second transaction; other writers leave it null for messageIndexer.ts.
 */
export function searchVectorOf(text: string): SQL {
  return searchVectorFromLexemes(sql`${JSON.stringify(messageLexemes(text))}::jsonb`);
}

/** The search vector from a jsonb array of lexemes (`messageLexemes`), such as a column of a batch's recordset. */
export function searchVectorFromLexemes(lexemes: SQL): SQL {
  return sql`array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(${lexemes})))`;
}
