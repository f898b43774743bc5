// "Forgot password" timing with and without an account: what the response waits for when the email is queued in
// the request (as before) and when it is queued after the response (deferEmail, what the parent pages do).
// npx tsx bench/reset-timing.ts [--rounds 20]   (drops and recreates BENCH_RESET_DATABASE_URL,
// default …/bench_reset)
import { parseArgs } from "node:util";
import { openPostgres, setDatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { parentAccounts } from "@/db/schema";
import { requestCode } from "@/db/queries/verification-codes";
import { DEFAULT_SERVER_URL, databaseName, recreateDatabase } from "@/bench/bench-database";
import { printTable } from "@/bench/timing";
import { hashPassword } from "@/lib/password-hash";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "20" } } });
const rounds = Number(args.rounds);
if (!Number.isSafeInteger(rounds) || rounds <= 0) throw new Error("--rounds must be a positive integer");

const url = process.env.BENCH_RESET_DATABASE_URL ?? `${DEFAULT_SERVER_URL}/bench_reset`;
if (["test", "bench"].includes(databaseName(url))) throw new Error(`refusing to drop ${databaseName(url)}`);
await recreateDatabase(url);
const handle = openPostgres(url, 5);
setDatabaseHandle(handle);
await migrateDatabase(handle);

const hash = await hashPassword("Trois-Pommes-Vertes-2026");
await handle.db.insert(parentAccounts).values(
  Array.from({ length: 2 * rounds }, (_, i) => ({ email: `compte.${i}@exemple.ca`, passwordHash: hash, emailVerifiedAt: new Date() })),
);

async function timed(work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const groups = new Map<string, number[]>();
let ip = 0;
for (const deferEmail of [false, true]) {
  const label = deferEmail ? "after response" : "in request";
  const known: number[] = [];
  const unknown: number[] = [];
  const offset = deferEmail ? rounds : 0;
  for (let i = 0; i < rounds; i++) {
    const request = (email: string) => requestCode({ email, purpose: "reset", ip: `10.0.${++ip >> 8}.${ip & 255}`, locale: "fr", deferEmail });
    // Take turns: whichever runs first in a pair pays a little more.
    const pair = [
      async () => known.push(await timed(() => request(`compte.${offset + i}@exemple.ca`))),
      async () => unknown.push(await timed(() => request(`absent.${offset + i}@exemple.ca`))),
    ];
    if (i % 2 === 1) pair.reverse();
    for (const run of pair) await run();
  }
  groups.set(`${label}: account`, known);
  groups.set(`${label}: no account`, unknown);
}
printTable(`requestCode("reset"), ${rounds} rounds, PostgreSQL`, groups);
await handle.close();
