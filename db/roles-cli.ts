// `npm run db:roles`: creates (or updates) the owner and app roles of the database DATABASE_ADMIN_URL points at,
// connected as a role that may create roles (e.g. postgres). See db/roles.ts and the README.
import postgres from "postgres";
import { applyDatabaseRoles } from "@/db/roles";

const url = process.env.DATABASE_ADMIN_URL;
if (!url) {
  console.error("Set DATABASE_ADMIN_URL to the app's database, as a role that may create roles (e.g. postgres://postgres@host/portail).");
  process.exit(1);
}
const roles = {
  owner: process.env.DATABASE_OWNER_ROLE ?? "portail_owner",
  app: process.env.DATABASE_APP_ROLE ?? "portail_app",
  ownerPassword: process.env.DATABASE_OWNER_PASSWORD,
  appPassword: process.env.DATABASE_APP_PASSWORD,
};
const admin = postgres(url, { max: 1, onnotice: () => {} });
try {
  await applyDatabaseRoles(admin, roles);
  console.log(`roles ready: ${roles.owner} owns the schema and migrates (MIGRATION_DATABASE_URL), ${roles.app} reads and writes rows (DATABASE_URL)`);
} finally {
  await admin.end();
}
