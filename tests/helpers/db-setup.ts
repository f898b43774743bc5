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

if (appDatabaseUrl) {
  await ownerDb().execute(
    sql.raw(`do $$ declare r record; begin
       execute (select 'truncate table ' || string_agg(format('%I', tablename), ', ') || ' restart identity cascade'
                from pg_tables where schemaname = 'public');
     end $$;`),
  );
}

afterAll(async () => {
  await closeOwnerDb();
  await handle.close();
});
