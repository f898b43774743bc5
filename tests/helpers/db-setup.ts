// Gives each database test file its own database: a fresh PGlite from the migrated dump,
// or the shared PostgreSQL server emptied first.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, inject } from "vitest";
import { sql } from "drizzle-orm";
import { openPglite, openPostgres, pgliteExtensions, setDatabaseHandle } from "@/db/client";

const url = process.env.TEST_DATABASE_URL;
const handle = url
  ? openPostgres(url, 10)
  : openPglite(
      new PGlite({
        loadDataDir: new Blob([readFileSync(inject("pgliteDump"))]),
        extensions: pgliteExtensions,
      }),
    );

if (url) {
  await handle.db.execute(
    sql.raw(`do $$ declare r record; begin
       execute (select 'truncate table ' || string_agg(format('%I', tablename), ', ') || ' restart identity cascade'
                from pg_tables where schemaname = 'public');
     end $$;`),
  );
}

setDatabaseHandle(handle);
afterAll(() => handle.close());
