// Prints the current TOTP code of the demo staff accounts (quick start): `npx tsx db/demo-totp.ts`.
import { DEMO_STAFF_TOTP_SECRET } from "@/db/seed-data/fixtures";
import { totpCodeAt, TOTP_PERIOD_SECONDS } from "@/lib/staff/totp";

const now = Date.now();
const left = TOTP_PERIOD_SECONDS - Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
console.log(`${totpCodeAt(DEMO_STAFF_TOTP_SECRET, now)} (valid ${left} s more)`);
