import { databaseHandle } from "@/db/client";
import { migrateAsOwner } from "@/db/migrate";

const handle = databaseHandle();
await migrateAsOwner(handle);
console.log(`migrations applied (${handle.kind})`);
await handle.close();
