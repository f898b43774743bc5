"use server";
// Opening the link from the email: verifies the code's flow in this browser (a POST, so mail scanners that
// only fetch links do not use it up).
import { redirect } from "next/navigation";
import { verifyLink, type CodePurpose } from "@/db/queries/verification-codes";
import { writeFlowCookie } from "@/lib/auth/flow-cookie";

const flowPages: Record<CodePurpose, string> = { signup: "/inscription", reset: "/mot-de-passe-oublie" };

export async function verifyLinkAction(purpose: CodePurpose, token: string) {
  if (typeof purpose !== "string" || !Object.hasOwn(flowPages, purpose) || typeof token !== "string" || token.length > 100) redirect("/connexion");
  const result = await verifyLink(token, purpose);
  if (!result.ok) redirect(`${flowPages[purpose]}/verifier?invalide=1`);
  await writeFlowCookie(purpose, result.flow);
  redirect(flowPages[purpose]);
}
