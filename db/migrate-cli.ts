import { databaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

const handle = databaseHandle();
await migrateDatabase(handle);
console.log(`migrations applied (${handle.kind})`);
await handle.close();
