// Which step of a code flow this browser is at, from its cookie and the database.
import { flowStatus, type CodePurpose } from "@/db/queries/verification-codes";
import { readFlowCookie } from "@/lib/auth/flow-cookie";
import type { FlowStep } from "@/components/parent/code-flow";

export async function currentFlowStep(purpose: CodePurpose): Promise<FlowStep> {
  const flow = await readFlowCookie(purpose);
  const status = flow ? await flowStatus(flow) : null;
  if (!status || status.purpose !== purpose || status.state === "done") return { step: "email" };
  switch (status.state) {
    case "awaitingCode":
      return {
        step: "code",
        email: status.email,
        expiresAt: status.expiresAt.toISOString(),
        resendAvailableAt: status.resendAvailableAt.toISOString(),
        // "Being sent" reads as sent: the page differs only once an attempt failed, and the step must not tell
        // apart two addresses whose emails are a few milliseconds apart (no account enumeration).
        delivery: status.emailDelivery === "sending" ? "sent" : status.emailDelivery,
      };
    case "verified":
      return { step: "password", email: status.email };
    case "locked":
      return { step: "email", notice: "locked" };
    case "expired":
      return { step: "email", notice: "expired" };
  }
}
