// Deterministic races on a real PostgreSQL server (PGlite runs one transaction at a time, so a missing row lock
// cannot show there). A test holds the first transaction open at its commit with an advisory lock it owns, waits
// until the server reports the second one blocked (pg_stat_activity), then lets the first finish. No sleeps
// decide the outcome: the polling only waits for states the server reports.
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { ownerDb } from "@/tests/helpers/test-database";

/** True when the database tests run against PostgreSQL (TEST_DATABASE_URL); race tests run only then. */
export const realPostgres = Boolean(process.env.TEST_DATABASE_URL);
export const postgresOnlyReason = "PostgreSQL only: PGlite runs one transaction at a time, so this race cannot happen there";

let installed = 0;

export type CommitGate = {
  /** Resolves once a transaction is waiting at the gate (it ran every statement and is committing). */
  waitUntilHeld(settled?: Promise<unknown>): Promise<void>;
  /** Lets the held transaction commit. */
  open(): Promise<void>;
  /** Removes the trigger and closes the test's own connection. */
  remove(): Promise<void>;
};

/**
 * Holds at its commit every transaction that writes a row of `table` matching `when` (SQL over old/new), until
 * open() is called: a deferred trigger takes an advisory lock that the test's own connection holds. The held
 * transaction keeps its row locks meanwhile, as a slow first request would.
 */
export async function holdCommits(table: string, options: { on: "insert" | "update"; when?: string }): Promise<CommitGate> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(postgresOnlyReason);
  installed += 1;
  const key = 7_700_000 + installed;
  const name = `commit_gate_${installed}`;
  const gate = postgres(url, { max: 1, onnotice: () => {} });
  await gate`select pg_advisory_lock(${key})`;
  await ownerDb().execute(
    sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$
      begin perform pg_advisory_xact_lock(${key}); return null; end; $$`),
  );
  await ownerDb().execute(
    sql.raw(`create constraint trigger ${name} after ${options.on} on "${table}" deferrable initially deferred
      for each row ${options.when ? `when (${options.when})` : ""} execute function ${name}()`),
  );
  let opened = false;
  const open = async () => {
    if (opened) return;
    opened = true;
    await gate`select pg_advisory_unlock(${key})`;
  };
  return {
    waitUntilHeld: async (settled?: Promise<unknown>) => {
      if ((await waitForWaiter(gate, "advisory", settled)) === "settled") throw new Error("the transaction finished without reaching the gate");
    },
    open,
    async remove() {
      await open();
      await ownerDb().execute(sql.raw(`drop trigger ${name} on "${table}"`));
      await ownerDb().execute(sql.raw(`drop function ${name}()`));
      await gate.end();
    },
  };
}

/**
 * Resolves once another backend of this database waits on a lock of the given kind ("advisory": the gate; "row":
 * a row lock, reported as a wait on a transaction id or a tuple), or once `settled` settles: a request that
 * never blocks (a missing lock) must not hang the test, it must fail its assertions instead.
 */
export async function waitForWaiter(
  client: postgres.Sql,
  kind: "advisory" | "row",
  settled?: Promise<unknown>,
): Promise<"blocked" | "settled"> {
  let done = false;
  settled?.then(
    () => (done = true),
    () => (done = true),
  );
  const events = kind === "advisory" ? ["advisory"] : ["transactionid", "tuple"];
  for (;;) {
    if (done) return "settled";
    const [row] = await client`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and wait_event_type = 'Lock' and wait_event in ${client(events)}`;
    if (row!.n > 0) return "blocked";
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A connection of the test's own, outside the app's pool, for watching the server. */
export function observer(): postgres.Sql {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error(postgresOnlyReason);
  return postgres(url, { max: 1, onnotice: () => {} });
}
