// Which step of a code flow this browser is at, from its cookie and the database, and the password rule its last
// step applies.
import { passwordPolicyForFlow, platformPasswordPolicy } from "@/db/queries/password-policy";
import { flowStatus, type CodePurpose } from "@/db/queries/verification-codes";
import { readFlowCookie } from "@/lib/auth/flow-cookie";
import type { FlowStep } from "@/components/parent/code-flow";
import type { PasswordPolicy } from "@/lib/password-policy";

export async function currentFlowStep(purpose: CodePurpose): Promise<FlowStep> {
  return (await currentFlow(purpose)).state;
}

export async function currentFlow(purpose: CodePurpose): Promise<{ state: FlowStep; policy: PasswordPolicy }> {
  const flow = await readFlowCookie(purpose);
  const status = flow ? await flowStatus(flow) : null;
  const at = (state: FlowStep) => ({ state, policy: platformPasswordPolicy });
  if (!status || status.purpose !== purpose || status.state === "done") return at({ step: "email" });
  switch (status.state) {
    case "awaitingCode":
      return at({
        step: "code",
        email: status.email,
        expiresAt: status.expiresAt.toISOString(),
        resendAvailableAt: status.resendAvailableAt.toISOString(),
        // "Being sent" reads as sent: the page differs only once an attempt failed, and the step must not tell
        // apart two addresses whose emails are a few milliseconds apart (no account enumeration).
        delivery: status.emailDelivery === "sending" ? "sent" : status.emailDelivery,
      });
    case "verified":
      // Only once the address is proven: the rule of a reset depends on the account's children.
      return { state: { step: "password", email: status.email }, policy: await passwordPolicyForFlow(status) };
    case "locked":
      return at({ step: "email", notice: "locked" });
    case "expired":
      return at({ step: "email", notice: "expired" });
  }
}
