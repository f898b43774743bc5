// Gives each database test file its own database: a fresh PGlite from the migrated dump,
// or the shared PostgreSQL server emptied first (by the schema's owner: the app's role may not truncate).
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, inject } from "vitest";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, pgliteExtensions, setDatabaseHandle } from "@/db/client";
import { appDatabaseUrl, closeOwnerDb, ownerDb } from "./test-database";

const handle = appDatabaseUrl
  ? openPostgres(appDatabaseUrl, 10)
  : openPglite(
      new PGlite({
        loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]),
        extensions: pgliteExtensions,
      }),
    );
setDatabaseHandle(handle);

// Empties the tables the previous file wrote to and restarts every sequence: truncating all the schema's tables cost
// a second per file (a new file for each table and index), most of them already empty.
if (appDatabaseUrl) {
  await ownerDb().execute(
    sql.raw(`do $$ declare r record; written text[] := '{}'; has_rows boolean; begin
       for r in select tablename from pg_tables where schemaname = 'public' loop
         execute format('select exists (select from %I)', r.tablename) into has_rows;
         if has_rows then written := written || format('%I', r.tablename); end if;
       end loop;
       if cardinality(written) > 0 then execute 'truncate table ' || array_to_string(written, ', ') || ' cascade'; end if;
       for r in select c.oid::regclass as seq from pg_class c where c.relkind = 'S' and c.relnamespace = 'public'::regnamespace loop
         execute format('alter sequence %s restart', r.seq);
       end loop;
     end $$;`),
  );
}

afterAll(async () => {
  await closeOwnerDb();
  await handle.close();
});
