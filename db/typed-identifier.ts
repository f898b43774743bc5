// What a parent typed as fiche or code permanent (association_attempts.typed->>'identifier'), reduced in SQL the
// way lib/identifiers.ts reads it, so staff can find attempts by it. The same expressions back two indexes
// (db/schema.ts): a query must use these functions for the planner to match them.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/** Letters and digits only, upper case: a code permanent as stored. */
export function typedIdentifierKey(typed: AnyColumn | SQL): SQL {
  return sql`upper(regexp_replace(coalesce(${typed}->>'identifier', ''), '[^A-Za-z0-9]', '', 'g'))`;
}

/** The same without a leading "E" and zeros: a fiche as stored. */
export function typedFicheKey(typed: AnyColumn | SQL): SQL {
  return sql`ltrim(regexp_replace(${typedIdentifierKey(typed)}, '^E', ''), '0')`;
}
