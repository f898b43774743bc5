// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { unsafeProductionSettings, refusalMessage, DEV_MAILBOX_PRODUCTION_OPT_IN } = await import("@/lib/production-settings");
  const problems = unsafeProductionSettings(process.env);
  if (problems.length > 0) {
    // Exiting here, before the first request, instead of answering every request with a 500.
    console.error(refusalMessage(problems));
    process.exit(1);
  }
  if (process.env.NODE_ENV === "production" && process.env.DEV_MAILBOX === DEV_MAILBOX_PRODUCTION_OPT_IN) {
    console.warn("[startup] WARNING: DEV_MAILBOX is open in production: anyone who reaches /dev/mailbox reads every email.");
  }
  const { prepareDatabase } = await import("@/db/startup");
  await prepareDatabase();
  const { startOutboxWorker } = await import("@/lib/email/deliver");
  startOutboxWorker();
  const { startImportRunReaper } = await import("@/db/queries/student-import");
  startImportRunReaper();
  const { startTicketAutoClose } = await import("@/db/queries/support-desk");
  startTicketAutoClose();
  const { startRetentionPurge } = await import("@/db/queries/retention");
  startRetentionPurge();
}
