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

  it("lets only the figure triggers write the per-day totals: the app's attempt is counted, its direct writes refused", async () => {
    const email = `roles-${suffix}@exemple.ca`;
    const [{ board }] = await asOwner<{ board: number }[]>`
      insert into school_boards (code, name, kind) values (${`R${suffix}`}, 'Centre de services des rôles', 'css') returning id as board`;
    try {
      const [{ account }] = await asApp<{ account: string }[]>`
        insert into parent_accounts (email, password_hash, email_verified_at) values (${email}, 'x', now()) returning id as account`;
      await asApp`insert into association_attempts (parent_account_id, board_id, method, typed, success, reasons)
        values (${account}, ${board}, 'match', '{}', false, '[{"code": "no_match"}]')`;
      const counted = await asApp<{ attempts: number }[]>`
        select attempts from daily_figures where board_id = ${board} and school_id = 0`;
      expect(counted).toEqual([{ attempts: 1 }]);
      for (const table of ["daily_figures", "daily_failure_reasons", "daily_children", "association_days", "figures_account_units"]) {
        await expect(asApp`delete from ${asApp(table)}`).rejects.toThrow(/permission denied/);
        await expect(asApp`update ${asApp(table)} set day = day`).rejects.toThrow(/permission denied/);
        await expect(asApp`truncate ${asApp(table)}`).rejects.toThrow(/permission denied/);
      }
      await expect(asApp`insert into daily_figures (day, board_id, school_id, attempts) values (current_date, ${board}, 0, 100)`)
        .rejects.toThrow(/permission denied/);
      await expect(asApp`select daily_figures_add(current_date, ${board}, 0, 100, 0, 0, 0)`).rejects.toThrow(/permission denied/);
      await asApp`delete from parent_accounts where id = ${account}`;
    } finally {
      await asOwner`delete from daily_failure_reasons where board_id = ${board}`;
      await asOwner`delete from daily_figures where board_id = ${board}`;
      await asOwner`delete from school_boards where id = ${board}`;
    }
  });

  it("lets only the triggers on students write the dashboard's student counts", async () => {
    const [{ board }] = await asOwner<{ board: number }[]>`
      insert into school_boards (code, name, kind) values (${`C${suffix}`}, 'Centre de services des comptes', 'css') returning id as board`;
    try {
      const [{ school }] = await asOwner<{ school: number }[]>`
        insert into schools (board_id, code, name) values (${board}, ${`E${suffix}`}, 'École des comptes') returning id as school`;
      await asApp`insert into students (board_id, school_id, fiche, last_name, first_name, birth_date)
        values (${board}, ${school}, '1', 'Compte', 'Un', '2015-01-01'), (${board}, ${school}, '2', 'Compte', 'Deux', '2015-01-01')`;
      await asApp`update students set archived_at = now() where board_id = ${board} and fiche = '2'`;
      expect(await asApp`select students from school_student_counts where school_id = ${school}`).toEqual([{ students: 1 }]);
      await expect(asApp`update school_student_counts set students = 100`).rejects.toThrow(/permission denied/);
      await expect(asApp`delete from school_student_counts`).rejects.toThrow(/permission denied/);
      await expect(asApp`insert into school_student_counts (school_id, board_id, students) values (-5, ${board}, 1)`)
        .rejects.toThrow(/permission denied/);
      await expect(asApp`select rebuild_school_student_counts()`).rejects.toThrow(/permission denied/);
    } finally {
      await asOwner`delete from students where board_id = ${board}`;
      await asOwner`delete from school_student_counts where board_id = ${board}`;
      await asOwner`delete from schools where board_id = ${board}`;
      await asOwner`delete from school_boards where id = ${board}`;
    }
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
