// `npm run retention:purge`: one retention purge now (the server also runs it on a schedule); prints what went.
import { databaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { purgeExpiredData } from "@/db/queries/retention";

const handle = databaseHandle();
await migrateDatabase(handle);
const result = await purgeExpiredData();
if (result.ran) {
  console.log(`retention purge done (audit row ${result.auditId})`);
  console.table(result.counts);
} else {
  console.log("another instance is purging right now; nothing done");
}
await handle.close();
