// The association form's route handlers: the checks a server action got from Next.js or made itself (origin, body
// size, input, session, outage) and the answers the form reads, with the attempt recorded once.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { associationAttempts, associations, authSessions, parentAccounts, type ParentAccount } from "@/db/schema";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";

// The cookie's claims (and, for the NIP route, the checked account); the match route checks the claims' session
// row itself, in the attempt's transaction.
const session = vi.hoisted(() => ({ parent: null as unknown, claims: null as unknown, fails: false }));
const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
vi.mock("@/lib/auth/session", () => ({
  currentParent: async () => {
    if (session.fails) throw refused();
    return session.parent;
  },
  parentSessionClaims: async () => {
    if (session.fails) throw refused();
    return session.claims;
  },
  parentSignInPath: async () => "/connexion?session=terminee",
}));

const { POST: match } = await import("@/app/api/associations/match/route");
const { POST: nip } = await import("@/app/api/associations/nip/route");

const here = "http://localhost:3000";
let parentCount = 0;

function post(route: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${here}${route}`, {
    method: "POST",
    headers: { host: "localhost:3000", origin: here, "content-type": "application/json", "x-forwarded-for": "203.0.113.9", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function setup() {
  parentCount += 1;
  const parent: ParentAccount = await createParent(`route${parentCount}@exemple.ca`);
  const { school } = await createBoardWithSchool();
  const student = await createStudent(school, { guardianEmails: [parent.email] });
  const [year, month, day] = student.birthDate.split("-");
  const typed = {
    boardId: String(student.boardId),
    lastName: student.lastName,
    firstName: student.firstName,
    birthDate: { day: String(Number(day)), month: String(Number(month)), year: year! },
    identifier: student.fiche,
  };
  const [open] = await db
    .insert(authSessions)
    .values({ subject: "parent", parentAccountId: parent.id, expiresAt: new Date(Date.now() + 3_600_000) })
    .returning({ id: authSessions.id });
  session.parent = parent;
  session.claims = { sessionId: open!.id, parentAccountId: parent.id };
  return { parent, student, typed, sessionId: open!.id };
}

const attemptsOf = (parent: ParentAccount) =>
  db.select().from(associationAttempts).where(eq(associationAttempts.parentAccountId, parent.id));

beforeEach(() => {
  session.parent = null;
  session.claims = null;
  session.fails = false;
});

describe("association attempt routes", () => {
  it("associates the child and answers only the child's first name and school", async () => {
    const { parent, student, typed } = await setup();
    const response = await match(post("/api/associations/match", typed));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ ok: true, data: { firstName: student.firstName, schoolName: expect.any(String) } });
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({ success: true, ip: "203.0.113.9", candidateStudentId: student.id });
    expect(await db.select().from(associations).where(eq(associations.parentAccountId, parent.id))).toHaveLength(1);
  });

  it("answers a refusal with its message key and records the attempt with its diagnosis", async () => {
    const { parent, typed } = await setup();
    const response = await match(post("/api/associations/match", { ...typed, identifier: "9999999" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: false, error: "errors.noMatch" });
    const [attempt] = await attemptsOf(parent);
    expect(attempt!.success).toBe(false);
    expect(attempt!.reasons.length).toBeGreaterThan(0);
  });

  it("answers a NIP attempt through its own route", async () => {
    const { parent } = await setup();
    const response = await nip(post("/api/associations/nip", { nip: "KQ7P-M3XZ" }));
    expect(await response.json()).toEqual({ ok: false, error: "errors.nipInvalid" });
    expect(await attemptsOf(parent)).toHaveLength(1);
  });

  it("refuses a request from another site, or without an origin, before reading anything", async () => {
    const { parent, typed } = await setup();
    for (const headers of [{ origin: "https://attaquant.example" }, { origin: "null" }, { origin: "" }]) {
      const response = await match(post("/api/associations/match", typed, headers));
      expect(response.status).toBe(403);
    }
    // Behind a proxy the public host comes in X-Forwarded-Host.
    const proxied = await match(
      post("/api/associations/match", typed, { host: "app:3000", origin: "https://portail.example", "x-forwarded-host": "portail.example" }),
    );
    expect(proxied.status).toBe(200);
    expect(await attemptsOf(parent)).toHaveLength(1);
  });

  it("refuses a form-encoded body and a body over the limit", async () => {
    const { parent, typed } = await setup();
    const encoded = await match(post("/api/associations/match", "boardId=1", { "content-type": "application/x-www-form-urlencoded" }));
    expect(encoded.status).toBe(415);
    const large = await match(post("/api/associations/match", { ...typed, lastName: "x".repeat(10_000) }));
    expect(large.status).toBe(413);
    expect(await attemptsOf(parent)).toHaveLength(0);
  });

  it("answers invalid input with the fields' errors and records nothing", async () => {
    const { parent, typed } = await setup();
    const response = await match(post("/api/associations/match", { ...typed, lastName: " ", birthDate: { day: "31", month: "2", year: "2015" } }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalidInput");
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["birthDate", "lastName"]);
    expect(await match(post("/api/associations/match", "{not json"))).toHaveProperty("status", 400);
    expect(await attemptsOf(parent)).toHaveLength(0);
  });

  it("sends a parent whose session ended, or whose account was disabled, to sign in again, and records nothing", async () => {
    const ended = { ok: false, error: "sessionEnded", redirectTo: "/connexion?session=terminee" };
    const { parent, typed, sessionId } = await setup();
    session.claims = null; // no session cookie
    const noCookie = await match(post("/api/associations/match", typed));
    expect([noCookie.status, await noCookie.json()]).toEqual([401, ended]);

    session.claims = { sessionId, parentAccountId: parent.id };
    await db.update(authSessions).set({ revokedAt: new Date() }).where(eq(authSessions.id, sessionId));
    const revoked = await match(post("/api/associations/match", typed));
    expect([revoked.status, await revoked.json()]).toEqual([401, ended]);

    const other = await setup();
    await db.update(parentAccounts).set({ disabledAt: new Date() }).where(eq(parentAccounts.id, other.parent.id));
    const disabled = await match(post("/api/associations/match", other.typed));
    expect([disabled.status, await disabled.json()]).toEqual([401, ended]);

    // Another account's session does not open this one's attempts.
    session.claims = { sessionId: other.sessionId, parentAccountId: parent.id };
    const mixed = await match(post("/api/associations/match", typed));
    expect(mixed.status).toBe(401);

    session.parent = null;
    const nipEnded = await nip(post("/api/associations/nip", { nip: "KQ7P-M3XZ" }));
    expect(nipEnded.status).toBe(401);
    expect(await attemptsOf(parent)).toHaveLength(0);
    expect(await attemptsOf(other.parent)).toHaveLength(0);
  });

  it("keeps the session alive with the attempt once a minute has passed since it was last seen", async () => {
    const { typed, sessionId } = await setup();
    const lastSeen = async () => (await db.select().from(authSessions).where(eq(authSessions.id, sessionId)))[0]!.lastSeenAt;
    const recent = await lastSeen();
    await match(post("/api/associations/match", { ...typed, identifier: "9999999" }));
    expect((await lastSeen()).getTime()).toBe(recent.getTime());
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.update(authSessions).set({ lastSeenAt: twoMinutesAgo }).where(eq(authSessions.id, sessionId));
    await match(post("/api/associations/match", { ...typed, identifier: "9999999" }));
    expect((await lastSeen()).getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("answers serviceUnavailable when the database does not answer", async () => {
    const { typed } = await setup();
    session.fails = true;
    for (const response of [await match(post("/api/associations/match", typed)), await nip(post("/api/associations/nip", { nip: "KQ7P-M3XZ" }))]) {
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, error: "serviceUnavailable" });
    }
  });
});
