// npm run db:roles on a real PostgreSQL: the app role reads and writes rows, and nothing else (PGlite has one user).
// Connected as a superuser (TEST_DATABASE_URL alone), the test creates throwaway roles with applyDatabaseRoles; in
// the app-role pass (TEST_DATABASE_URL is the app role, TEST_MIGRATION_DATABASE_URL the owner) it checks the roles
// the whole suite runs as.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { migrateAsOwner, migrateDatabase } from "@/db/migrate";
import { applyDatabaseRoles } from "@/db/roles";
import { appDatabaseUrl, appRunsAsOtherRole, ownerDatabaseUrl } from "@/tests/helpers/test-database";

const suffix = randomBytes(4).toString("hex");
const options = { max: 1, onnotice: () => {} };

describe.skipIf(!appDatabaseUrl)("least-privilege database roles", () => {
  let asOwner: postgres.Sql;
  let asApp: postgres.Sql;
  let ownerRole: string;
  let urls: { app: string; owner: string };
  let cleanUp = async () => {};

  beforeAll(async () => {
    if (appRunsAsOtherRole) {
      asOwner = postgres(ownerDatabaseUrl!, options);
      asApp = postgres(appDatabaseUrl!, options);
      [{ ownerRole }] = await asOwner<{ ownerRole: string }[]>`select current_user as "ownerRole"`;
      urls = { app: appDatabaseUrl!, owner: ownerDatabaseUrl! };
      cleanUp = async () => {
        await Promise.all([asApp.end(), asOwner.end()]);
      };
      return;
    }
    const roles = { owner: `portail_t_owner_${suffix}`, app: `portail_t_app_${suffix}` };
    const admin = postgres(appDatabaseUrl!, options);
    await applyDatabaseRoles(admin, roles);
    await applyDatabaseRoles(admin, roles); // idempotent
    asOwner = admin;
    ownerRole = roles.owner;
    urls = { app: withUser(appDatabaseUrl!, roles.app), owner: withUser(appDatabaseUrl!, roles.owner) };
    asApp = postgres(urls.app, options);
    cleanUp = async () => {
      await asApp.end();
      await admin.unsafe(`reassign owned by "${roles.owner}" to current_user`);
      await admin.unsafe(`drop owned by "${roles.owner}"`);
      await admin.unsafe(`drop owned by "${roles.app}"`);
      await admin.unsafe(`drop role "${roles.app}"`);
      await admin.unsafe(`drop role "${roles.owner}"`);
      await admin.end();
    };
  });

  afterAll(() => cleanUp());

  it("lets the app read and write rows, and read which migrations are applied", async () => {
    await asApp`insert into auth_events (subject, kind, email, success) values ('parent', 'signin', 'role@exemple.ca', false)`;
    const [{ n }] = await asApp<{ n: number }[]>`select count(*)::int as n from auth_events where email = 'role@exemple.ca'`;
    expect(n).toBe(1);
    await asApp`update auth_events set success = true where email = 'role@exemple.ca'`;
    await asApp`delete from auth_events where email = 'role@exemple.ca'`;
    await asApp`select count(*) from drizzle.__drizzle_migrations`;
    await asApp`select count(*) from audit_log`;
  });

  it("refuses the app TRUNCATE, UPDATE and DELETE on the audit log, and every way of turning its trigger off", async () => {
    await expect(asApp`truncate audit_log`).rejects.toThrow(/permission denied/);
    await expect(asApp`delete from audit_log`).rejects.toThrow(/permission denied/);
    await expect(asApp`update audit_log set action = action`).rejects.toThrow(/permission denied/);
    await expect(asApp`alter table audit_log disable trigger all`).rejects.toThrow(/must be owner/);
    await expect(asApp`set session_replication_role = replica`).rejects.toThrow(/permission denied/);
    await expect(asApp`create trigger intrus before insert on audit_log for each row execute function suppress_redundant_updates_trigger()`).rejects.toThrow(/permission denied/);
  });

  it("refuses the app DDL on the app's tables; its only tables are the importer's staging ones", async () => {
    await expect(asApp`drop table audit_log`).rejects.toThrow(/must be owner/);
    await expect(asApp`drop table students`).rejects.toThrow(/must be owner/);
    await expect(asApp`create table public.intrus (id int)`).rejects.toThrow(/permission denied/);
    await expect(asApp`alter table students add column intrus int`).rejects.toThrow(/must be owner/);
    await expect(asApp`drop schema public cascade`).rejects.toThrow(/must be owner/);
    const table = `import_stage_t_${suffix}`;
    await asApp`create unlogged table ${asApp(table)} (line int)`;
    const [{ schema }] = await asApp<{ schema: string }[]>`select current_schema() as schema`;
    expect(schema).toBe("import_staging");
    await asApp`drop table ${asApp(table)}`;
  });

  it("migrates through the owner's connection when the app's differs, which the app's role alone could not", async () => {
    const app = openPostgres(urls.app, 1);
    try {
      const refusal = await migrateDatabase(app).then(
        () => "applied",
        (error: Error) => `${error.message} <- ${(error.cause as Error | undefined)?.message}`,
      );
      expect(refusal).toMatch(/CREATE SCHEMA.* <- permission denied for database/s);
      await migrateAsOwner(app, urls);
    } finally {
      await app.close();
    }
  });

  it("makes the owner the owner of every table, so it alone migrates", async () => {
    const notOwned = await asOwner<{ tablename: string }[]>`
      select tablename from pg_tables where schemaname in ('public', 'drizzle') and tableowner <> ${ownerRole}`;
    expect(notOwned).toEqual([]);
  });
});

function withUser(url: string, user: string): string {
  const withRole = new URL(url);
  withRole.username = user;
  return withRole.toString();
}
