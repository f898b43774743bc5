// During a database outage the staff administration, second-factor, passkey and support desk actions answer
// `serviceUnavailable` (the form stays on screen with what was typed) instead of an error page: here every database
// read they start with fails as a refused connection does.
import { describe, expect, it, vi } from "vitest";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

vi.mock("@/lib/auth/session", () => ({
  requireStaff: async () => {
    throw refused();
  },
  currentStaffSigningIn: async () => {
    throw refused();
  },
  requireParent: async () => {
    throw refused();
  },
}));
vi.mock("@/db/queries/staff-admin", async (original) => ({
  ...(await original<typeof import("@/db/queries/staff-admin")>()),
  accessLinkState: async () => {
    throw refused();
  },
}));
vi.mock("@/db/queries/staff-passkeys", async (original) => ({
  ...(await original<typeof import("@/db/queries/staff-passkeys")>()),
  passkeyAuthenticationOptions: async () => {
    throw refused();
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "fr", getTranslations: async () => (key: string) => key }));

const personnel = await import("@/app/admin/(back-office)/personnel/actions");
const desk = await import("@/app/admin/(back-office)/demandes/[id]/actions");
const fixes = await import("@/components/admin/ticket-fix-actions");
const passkeys = await import("@/components/admin/passkey-actions");
const secondFactor = await import("@/components/admin/second-factor-actions");
const stepUp = await import("@/components/admin/step-up-actions");
const accessLink = await import("@/app/admin/connexion/actions");
const parentTickets = await import("@/app/(parent)/aide/demandes/actions");

const ticketId = "00000000-0000-4000-8000-000000000001";
const calls: [string, () => Promise<unknown>][] = [
  ...Object.entries(personnel).map(([name, action]) => [name, () => (action as (input: unknown) => Promise<unknown>)({})] as [string, () => Promise<unknown>]),
  ...Object.entries(desk).map(([name, action]) => [name, () => (action as (input: unknown) => Promise<unknown>)({ ticketId })] as [string, () => Promise<unknown>]),
  ...Object.entries(fixes).map(([name, action]) => [name, () => (action as (id: string, input: unknown) => Promise<unknown>)(ticketId, {})] as [string, () => Promise<unknown>]),
  ...Object.entries(passkeys).map(([name, action]) => [name, () => (action as (input: unknown) => Promise<unknown>)({ response: {}, name: "Clé", id: ticketId })] as [string, () => Promise<unknown>]),
  ...Object.entries(secondFactor).map(([name, action]) => [name, () => (action as (input: unknown) => Promise<unknown>)({ code: "123456" })] as [string, () => Promise<unknown>]),
  ["confirmStepUpAction", () => stepUp.confirmStepUpAction({ code: "123456" })],
  ["completeAccessLinkAction", () => accessLink.completeAccessLinkAction("invitation", "jeton", { password: "x", confirmation: "x" })],
  ["replyAsParentAction", () => parentTickets.replyAsParentAction({ ticketId, body: "Merci" })],
];

describe("actions during a database outage", () => {
  it("covers every action of those modules", () => {
    expect(calls.length).toBeGreaterThanOrEqual(35);
  });

  for (const [name, call] of calls) {
    it(`${name} answers serviceUnavailable`, async () => {
      expect(await call()).toEqual({ ok: false, error: "serviceUnavailable" });
    });
  }
});
