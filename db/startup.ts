// What the server does to its database when it starts: apply migrations, and fill an empty
// database with the demo data (unless SEED_DEMO=never), so `npm run dev` works on a fresh machine.
import { databaseHandle, db } from "@/db/client";
import { migrateAsOwner } from "@/db/migrate";
import { schoolBoards } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { env } from "@/lib/env";

export async function prepareDatabase() {
  const started = Date.now();
  const handle = databaseHandle();
  await migrateAsOwner(handle);
  if (env.SEED_DEMO === "auto" && (await db.$count(schoolBoards)) === 0) {
    await seedDemoData(db);
    console.log(`[startup] demo data loaded`);
  }
  console.log(`[startup] database ready (${handle.kind}) in ${Date.now() - started} ms`);
}
