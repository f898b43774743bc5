// A transaction that reads, lets the caller decide in plain code, then writes — in three round trips to PostgreSQL:
// BEGIN, then the reads together, then the writes with COMMIT (postgres.js pipelines statements sent before their
// answers come). Each statement is prepared by name (unless DATABASE_PREPARE=false), so it is parsed and planned
// once per connection. Through drizzle, every statement with parameters costs two round trips (postgres.js
// describes an unnamed statement before binding it) and BEGIN and COMMIT one each: eight to ten for the same work,
// and on a busy machine each costs the app and the server more CPU in socket writes and wake-ups than the statement
// itself. The statements' text is built once (reusableStatement). On PGlite (in-process) it is a plain transaction.
import { fillPlaceholders, type Query, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { databaseHandle } from "@/db/client";

export type Row = Record<string, unknown>;

/** A statement's text and this call's values. */
export type Statement = { text: string; params: unknown[] };

/** What the caller writes once it has read: the statements, and how their rows become the result. */
export type WritePlan<T> = { writes: Statement[]; result: (rows: Row[][]) => T };

const dialect = new PgDialect({ casing: "snake_case" });

/**
 * A statement whose text is built from drizzle SQL once per variant (building the association's read took more CPU
 * than running it): the SQL names each value that changes with sql.placeholder(name), the call gives the values.
 */
export function reusableStatement<V extends Record<string, unknown>, K extends string = "">(build: (variant: K) => SQL) {
  const built = new Map<K, Query>();
  return (values: V, variant = "" as K): Statement => {
    let query = built.get(variant);
    if (!query) built.set(variant, (query = dialect.sqlToQuery(build(variant))));
    return { text: query.sql, params: fillPlaceholders(query.params, values) };
  };
}

export async function readThenWrite<T>(reads: Statement[], decide: (rows: Row[][]) => WritePlan<T>): Promise<T> {
  const handle = databaseHandle();
  if (handle.kind === "postgres") return pipelined(handle.sql, reads, decide);
  return handle.pglite.transaction(async (tx) => {
    const read: Row[][] = [];
    for (const { text, params } of reads) read.push((await tx.query<Row>(text, params)).rows);
    const plan = decide(read);
    const written: Row[][] = [];
    for (const { text, params } of plan.writes) written.push((await tx.query<Row>(text, params)).rows);
    return plan.result(written);
  });
}

async function pipelined<T>(client: postgres.Sql, reads: Statement[], decide: (rows: Row[][]) => WritePlan<T>): Promise<T> {
  const { plan, written } = await client.begin(async (tx) => {
    const send = ({ text, params }: Statement) =>
      tx.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }).execute();
    const plan = decide(rowsOrError(await Promise.allSettled(reads.map(send))));
    // Not awaited here: the COMMIT that postgres.js sends once this returns leaves with the writes, in the same
    // write to the server; after a failed write it ends the transaction as a ROLLBACK would.
    return { plan, written: Promise.allSettled(plan.writes.map(send)) };
  });
  return plan.result(rowsOrError(await written));
}

/** Every statement's rows (a pipeline is drained before the next step), or the first error. */
function rowsOrError(outcomes: PromiseSettledResult<unknown>[]): Row[][] {
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return outcomes.map((outcome) => {
    const value = (outcome as PromiseFulfilledResult<unknown>).value;
    return (Array.isArray(value) ? [...value] : []) as Row[];
  });
}

/**
 * One read in one round trip: the statement prepared by name (unless DATABASE_PREPARE=false), where drizzle's own
 * execute() sends it unnamed and so described before it is bound, two round trips (see the top of this file). The
 * statement's text is parsed once per connection; PostgreSQL may then keep a generic plan for it, as for every
 * prepared statement. On PGlite (in-process) a plain query.
 */
export async function readPrepared<T extends Row = Row>(statement: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const handle = databaseHandle();
  if (handle.kind === "postgres") {
    return [...(await handle.sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }))] as unknown as T[];
  }
  return (await handle.pglite.query<T>(text, params)).rows;
}
