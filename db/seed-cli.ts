// `npm run db:seed`: applies the migrations, then loads the demo data (safe to run again).
import { databaseHandle } from "@/db/client";
import { migrateAsOwner } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";

const started = Date.now();
const handle = databaseHandle();
await migrateAsOwner(handle);
const counts = await seedDemoData(handle.db);
console.log(`demo data seeded (${handle.kind}) in ${Date.now() - started} ms`);
console.table(counts);
await handle.close();
