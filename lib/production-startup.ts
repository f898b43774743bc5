// The start-up side of lib/production-settings.ts (Node only: it may end the process).
import { DEV_MAILBOX_PRODUCTION_OPT_IN, refusalMessage, unsafeProductionSettings, type RawSettings } from "@/lib/production-settings";

/**
 * At start-up: exits the process with the refusal message when the settings are unsafe for production (before the
 * first request, instead of answering every request with a 500), and warns loudly about the opened dev mailbox.
 */
export function refuseUnsafeProductionSettings(settings: RawSettings = process.env): void {
  const problems = unsafeProductionSettings(settings);
  if (problems.length > 0) {
    console.error(refusalMessage(problems));
    process.exit(1);
  }
  if (settings.NODE_ENV === "production" && settings.DEV_MAILBOX === DEV_MAILBOX_PRODUCTION_OPT_IN) {
    console.warn("[startup] WARNING: DEV_MAILBOX is open in production: anyone who reaches /dev/mailbox reads every email.");
  }
}
