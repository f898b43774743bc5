import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, type Executor } from "@/db/client";
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
