// A session check that cannot reach the database is an outage, not a sign-out: the token is kept.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { databaseHandle, openPostgres, setDatabaseHandle } from "@/db/client";
import { openSession, revokeSession } from "@/db/queries/auth";
import { authOptions } from "@/lib/auth/options";
import { createParent } from "@/tests/helpers/accounts";

const working = databaseHandle();
// Nothing listens on port 1: every query fails at once with ECONNREFUSED, as during a restart.
const unreachable = openPostgres("postgres://postgres@127.0.0.1:1/none", { connectTimeoutSeconds: 2 });

afterEach(() => setDatabaseHandle(working));
afterAll(() => unreachable.close());

const jwt = (token: JWT) => authOptions.callbacks!.jwt!({ token } as never) as Promise<JWT>;
const session = (token: JWT) =>
  authOptions.callbacks!.session!({ session: { user: {}, expires: "" }, token } as never) as Promise<Session>;

describe("session check during an outage", () => {
  it("keeps the token and marks the session unchecked when the database does not answer", async () => {
    const parent = await createParent("panne@exemple.ca");
    const sid = await openSession(working.db, { subject: "parent", userId: parent.id, ip: null, userAgent: null });
    const token: JWT = { uid: parent.id, subject: "parent", sid };

    expect(await jwt(token)).toBe(token);
    expect((await session(token)).unavailable).toBeUndefined();

    setDatabaseHandle(unreachable);
    const during = await jwt(token);
    expect(during).toEqual({ uid: parent.id, subject: "parent", sid });
    expect((await session(during)).unavailable).toBe(true);

    setDatabaseHandle(working);
    const after = await jwt({ ...token });
    expect((await session(after)).unavailable).toBeUndefined();
  });

  it("still ends a revoked session once the database answers", async () => {
    const parent = await createParent("revoquee@exemple.ca");
    const sid = await openSession(working.db, { subject: "parent", userId: parent.id, ip: null, userAgent: null });
    await revokeSession(sid);
    await expect(jwt({ uid: parent.id, subject: "parent", sid })).rejects.toThrow("session ended");
  });
});
