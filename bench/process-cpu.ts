// CPU time read from /proc, for the benches that print CPU per call beside their times (which vary far more with
// the machine's load than CPU does).
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

const CLK_TCK = 100; // Linux's USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s.

/** CPU milliseconds a process has used so far (user + system), or null when it is gone or not on this machine. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime + stime
  } catch {
    return null;
  }
}

/** A process and its descendants (`next start` runs the server in a child process), from /proc. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/**
 * CPU milliseconds of this process and of the database backends whose connections carry `applicationName` (the
 * bench's own pool), so far; `db` is null when the server runs on another machine.
 */
export async function cpuSpent(database: Database, applicationName: string): Promise<{ app: number; db: number | null }> {
  const backends = await database.execute<{ pid: number }>(
    sql`select pid from pg_stat_activity where application_name = ${applicationName}`,
  );
  let backendsMs: number | null = 0;
  for (const { pid } of backends) {
    const ms = processCpuMs(pid);
    if (ms === null) {
      backendsMs = null; // the server runs elsewhere
      break;
    }
    backendsMs += ms;
  }
  const { user, system } = process.cpuUsage();
  return { app: (user + system) / 1000, db: backendsMs };
}

/** The machine's load averages over 1, 5 and 15 minutes, as /proc/loadavg prints them. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
