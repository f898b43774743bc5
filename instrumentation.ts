// Runs once when the Next.js server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { usesDevSecretInProduction } = await import("@/lib/env");
  if (usesDevSecretInProduction) throw new Error("Set NEXTAUTH_SECRET before running in production.");
  const { prepareDatabase } = await import("@/db/startup");
  await prepareDatabase();
  const { startOutboxWorker } = await import("@/lib/email/deliver");
  startOutboxWorker();
}
