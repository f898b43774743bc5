import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseHandle, db, executedRows, type Executor } from "@/db/client";
import { students } from "@/db/schema";
import { withoutParallelWorkers } from "@/db/serial-read";

async function workersPerGather(executor: Executor): Promise<string> {
  const [row] = await executor
    .select({ value: sql<string>`current_setting('max_parallel_workers_per_gather')` })
    .from(sql`(select 1) as one`);
  return row!.value;
}

describe("reads without parallel workers", () => {
  it("holds the setting for its own transaction only, so a pooled connection's next client keeps the default", async () => {
    const before = await workersPerGather(db);
    expect(await withoutParallelWorkers((tx) => workersPerGather(tx))).toBe("0");
    expect(await workersPerGather(db)).toBe(before);
  });

  it("ends with its transaction when the read fails too", async () => {
    const before = await workersPerGather(db);
    await expect(withoutParallelWorkers(async (tx) => tx.execute(sql`select 1/0`))).rejects.toThrow();
    expect(await workersPerGather(db)).toBe(before);
  });
});

describe("statements planned without workers", () => {
  /** The plan of a count over students, with parallel plans made as cheap as they can be (settings local to a transaction). */
  async function planOf(condition: ReturnType<typeof sql>): Promise<string> {
    return db.transaction(async (tx) => {
      for (const setting of ["parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size", "min_parallel_index_scan_size"]) {
        await tx.execute(sql`select set_config(${setting}, '0', true)`);
      }
      await tx.execute(sql`select set_config('max_parallel_workers_per_gather', '2', true)`);
      const rows = executedRows<Record<string, string>>(await tx.execute(sql`explain select count(*) from ${students} where ${condition}`));
      return rows.map((row) => Object.values(row)[0]).join("\n");
    });
  }

  it("gets no parallel plan when it calls planned_without_workers(), which the planner folds away", async () => {
    const serial = await planOf(sql`planned_without_workers() and ${students.grade} is not null`);
    expect(serial).not.toMatch(/Gather|Parallel/);
    expect(serial).not.toMatch(/planned_without_workers/);
    // PostgreSQL plans the same count with workers (PGlite, one process, may not).
    if (databaseHandle().kind === "postgres") expect(await planOf(sql`${students.grade} is not null`)).toMatch(/Gather/);
  });
});
