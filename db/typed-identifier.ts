// What a parent typed as fiche or code permanent (association_attempts.typed->>'identifier'), reduced in SQL the
// way lib/identifiers.ts reads it, and the names they typed, folded, so staff can find attempts by them. The same
// expressions back indexes (db/schema.ts): a query must use these functions for the planner to match them.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/** Letters and digits only, upper case: a code permanent as stored. */
export function typedIdentifierKey(typed: AnyColumn | SQL): SQL {
  return sql`upper(regexp_replace(coalesce(${typed}->>'identifier', ''), '[^A-Za-z0-9]', '', 'g'))`;
}

/** The same without a leading "E" and zeros: a fiche as stored. */
export function typedFicheKey(typed: AnyColumn | SQL): SQL {
  return sql`ltrim(regexp_replace(${typedIdentifierKey(typed)}, '^E', ''), '0')`;
}

/**
 * The typed last and first names, lower case, without the accents of French letters, hyphens or apostrophes: close
 * to foldForSearch (lib/names.ts) in SQL, as `students.search_name` is for the record.
 */
export function typedNamesKey(typed: AnyColumn | SQL): SQL {
  return sql`translate(lower(coalesce(${typed}->>'lastName', '') || ' ' || coalesce(${typed}->>'firstName', '')), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ''’-', 'aaaaaaceeeeiiiinooooouuuuyy   ')`;
}
