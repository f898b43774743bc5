// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnsafeProductionSettings } = await import("@/lib/production-startup");
  refuseUnsafeProductionSettings();
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
