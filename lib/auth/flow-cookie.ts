// The httpOnly cookie that lets a parent close the tab and come back to a sign-up or reset flow.
import { cookies } from "next/headers";
import type { CodePurpose, FlowHandle } from "@/db/queries/verification-codes";
import { env } from "@/lib/env";

const cookieName = (purpose: CodePurpose) => (purpose === "signup" ? "signup_flow" : "reset_flow");

export async function readFlowCookie(purpose: CodePurpose): Promise<FlowHandle | null> {
  const value = (await cookies()).get(cookieName(purpose))?.value;
  const [flowId, flowToken] = value?.split(".") ?? [];
  if (!flowId || !flowToken || !/^[0-9a-f-]{36}$/.test(flowId)) return null;
  return { flowId, flowToken };
}

export async function writeFlowCookie(purpose: CodePurpose, flow: FlowHandle) {
  (await cookies()).set(cookieName(purpose), `${flow.flowId}.${flow.flowToken}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https://"),
    path: "/",
    // The code's lifetime plus the time left to choose a password after verifying it.
    maxAge: env.CODE_LIFETIME_SECONDS * 2 + 300,
  });
}

export async function clearFlowCookie(purpose: CodePurpose) {
  (await cookies()).delete(cookieName(purpose));
}
