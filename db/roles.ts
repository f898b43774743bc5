// Least privilege in PostgreSQL: an owner role that owns the schema and runs the migrations, and an app role that
// only reads and writes rows. The app role cannot TRUNCATE or change the audit log (no UPDATE, DELETE or TRUNCATE
// on audit_log; disabling its trigger needs ownership), writes none of the figures' per-day totals (only their
// triggers do, as the owner), and runs no DDL on the app's tables: its one place to
// create tables is the import_staging schema, first on its search_path, where the importer stages files.
// Idempotent: run it again after new migrations (they are created by the owner, whose default privileges already
// grant the app role row access to new tables).
import type { Sql, TransactionSql } from "postgres";

export type RoleNames = { owner: string; app: string; ownerPassword?: string; appPassword?: string };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export async function applyDatabaseRoles(admin: Sql, roles: RoleNames): Promise<void> {
  for (const name of [roles.owner, roles.app]) {
    if (!identifier.test(name)) throw new Error(`role names are lower-case identifiers: ${name}`);
  }
  const owner = admin(roles.owner);
  const app = admin(roles.app);
  const [{ database }] = await admin<{ database: string }[]>`select current_database() as database`;
  const db = admin(database!);
  await admin.begin(async (sql) => {
    // Roles belong to the whole cluster: a run for another database may be creating them at the same moment.
    for (const name of [roles.owner, roles.app]) {
      await sql.unsafe(`do $$ begin create role "${name}" login;
        exception when duplicate_object or unique_violation then null; end $$`);
    }
    if (roles.ownerPassword) await sql`alter role ${owner} password ${sql.unsafe(quoteLiteral(roles.ownerPassword))}`;
    if (roles.appPassword) await sql`alter role ${app} password ${sql.unsafe(quoteLiteral(roles.appPassword))}`;
    await sql`grant connect, create, temporary on database ${db} to ${owner}`;
    await sql`grant connect, temporary on database ${db} to ${app}`;
    await sql`revoke create on schema public from public`;
    await sql`alter schema public owner to ${owner}`;
    // What the migrations created so far (perhaps as another role) now belongs to the owner.
    const objects = await sql<{ kind: string; name: string }[]>`
      select 'table' as kind, format('%I.%I', n.nspname, c.relname) as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm')
      union all
      select 'sequence', format('%I.%I', n.nspname, c.relname)
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'drizzle') and c.relkind = 'S'
         and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
      union all
      select 'function', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      union all
      select 'type', format('%I.%I', n.nspname, t.typname)
        from pg_type t join pg_namespace n on n.oid = t.typnamespace
       where n.nspname = 'public' and t.typtype in ('e', 'd')`;
    for (const object of objects) {
      await sql.unsafe(`alter ${object.kind} ${object.name} owner to "${roles.owner}"`);
    }
    await grantAppRole(sql, roles);
    await sql`create schema if not exists import_staging authorization ${app}`;
    await sql`alter schema import_staging owner to ${app}`; // made for another app role before, perhaps
    await sql`alter role ${app} in database ${db} set search_path = import_staging, public`;
  });
}

/**
 * The app role's row access to what the owner has migrated: run by applyDatabaseRoles, and by the owner itself
 * after it recreated the schema (the database tests start from an empty schema on every run).
 */
export async function grantAppRole(sql: Sql | TransactionSql, roles: RoleNames): Promise<void> {
  const owner = sql(roles.owner);
  const app = sql(roles.app);
  const [drizzle] = await sql`select 1 from pg_namespace where nspname = 'drizzle'`;
  if (drizzle) {
    await sql`alter schema drizzle owner to ${owner}`;
    await sql`grant usage on schema drizzle to ${app}`;
    await sql`grant select on all tables in schema drizzle to ${app}`;
  }
  await sql`grant usage on schema public to ${app}`;
  await sql`grant select, insert, update, delete on all tables in schema public to ${app}`;
  await sql`grant usage, select on all sequences in schema public to ${app}`;
  await sql`alter default privileges for role ${owner} in schema public grant select, insert, update, delete on tables to ${app}`;
  await sql`alter default privileges for role ${owner} in schema public grant usage, select on sequences to ${app}`;
  const [auditLog] = await sql`select 1 from pg_tables where schemaname = 'public' and tablename = 'audit_log'`;
  if (auditLog) await sql`revoke update, delete, truncate on public.audit_log from ${app}`;
  // The figures' per-day totals and the student counts: written only by their triggers, which run as the owner
  // (migrations 0025, 0029).
  const figureTables = await sql<{ name: string }[]>`
    select tablename as name from pg_tables where schemaname = 'public' and tablename = any(${figureTableNames})`;
  for (const { name } of figureTables) {
    await sql`revoke insert, update, delete, truncate on ${sql("public." + name)} from ${app}`;
  }
}

/** Tables only the figure triggers write (and the dashboard's student counts, migration 0029): the app's role reads them. */
const figureTableNames = [
  "daily_figures",
  "daily_failure_reasons",
  "daily_children",
  "association_days",
  "figures_account_units",
  "school_student_counts",
];

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
