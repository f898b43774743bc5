// npm run db:roles on a real PostgreSQL: the app role reads and writes rows, and nothing else (PGlite has one user).
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDatabaseRoles } from "@/db/roles";

const url = process.env.TEST_DATABASE_URL;
const suffix = randomBytes(4).toString("hex");
const roles = { owner: `portail_t_owner_${suffix}`, app: `portail_t_app_${suffix}` };

describe.skipIf(!url)("least-privilege database roles", () => {
  let admin: postgres.Sql;
  let asApp: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await applyDatabaseRoles(admin, roles);
    await applyDatabaseRoles(admin, roles); // idempotent
    const appUrl = new URL(url!);
    appUrl.username = roles.app;
    asApp = postgres(appUrl.toString(), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await asApp?.end();
    if (!admin) return;
    await admin.unsafe(`reassign owned by "${roles.owner}" to current_user`);
    await admin.unsafe(`drop owned by "${roles.owner}"`);
    await admin.unsafe(`drop owned by "${roles.app}"`);
    await admin.unsafe(`drop role "${roles.app}"`);
    await admin.unsafe(`drop role "${roles.owner}"`);
    await admin.end();
  });

  it("lets the app read and write rows, and read which migrations are applied", async () => {
    await asApp`insert into auth_events (subject, kind, email, success) values ('parent', 'signin', 'role@exemple.ca', false)`;
    const [{ n }] = await asApp<{ n: number }[]>`select count(*)::int as n from auth_events where email = 'role@exemple.ca'`;
    expect(n).toBe(1);
    await asApp`delete from auth_events where email = 'role@exemple.ca'`;
    await asApp`select count(*) from drizzle.__drizzle_migrations`;
    await asApp`select count(*) from audit_log`;
  });

  it("refuses the app TRUNCATE, UPDATE and DELETE on the audit log, and turning its trigger off", async () => {
    await expect(asApp`truncate audit_log`).rejects.toThrow(/permission denied/);
    await expect(asApp`delete from audit_log`).rejects.toThrow(/permission denied/);
    await expect(asApp`update audit_log set action = action`).rejects.toThrow(/permission denied/);
    await expect(asApp`alter table audit_log disable trigger all`).rejects.toThrow(/must be owner/);
  });

  it("refuses the app DDL on the app's tables; its only tables are the importer's staging ones", async () => {
    await expect(asApp`drop table students`).rejects.toThrow(/must be owner/);
    await expect(asApp`create table public.intrus (id int)`).rejects.toThrow(/permission denied/);
    await expect(asApp`alter table students add column intrus int`).rejects.toThrow(/must be owner/);
    await asApp`create unlogged table import_stage_999999 (line int)`;
    const [{ schema }] = await asApp<{ schema: string }[]>`select current_schema() as schema`;
    expect(schema).toBe("import_staging");
    await asApp`drop table import_stage_999999`;
  });

  it("makes the owner the owner of every table, so it alone migrates", async () => {
    const notOwned = await admin<{ tablename: string }[]>`
      select tablename from pg_tables where schemaname = 'public' and tableowner <> ${roles.owner}`;
    expect(notOwned).toEqual([]);
  });
});
