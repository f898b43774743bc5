// Reads of the staff screens (attempts, account page) run without the planner's parallel workers: on a small host
// starting them costs ~55 ms, more than they save on queries that read a few thousand index entries. The setting is
// local to one transaction (set_config(…, true), i.e. SET LOCAL), so behind a transaction-mode pooler it never
// reaches another client's statements, as a session SET would. A single statement can instead call
// planned_without_workers() (migration 0033), as the student search does: no transaction, no extra round trip.
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/client";

export async function withoutParallelWorkers<T>(read: (tx: Executor) => Promise<T>, executor: Executor = db): Promise<T> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '0', true)`);
    return read(tx);
  });
}
