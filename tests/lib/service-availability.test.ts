import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { isServiceUnavailable, ServiceUnavailableError } from "@/lib/service-availability";
import { unlessUnavailable } from "@/lib/safe-action";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("an outage is told apart from a bug or a refusal", () => {
  it("reads the driver's connection failures and the server's shutdown states as an outage", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "57P01", "57P03", "08006", "08P01", "53300"]) {
      expect(isServiceUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isServiceUnavailable(new ServiceUnavailableError())).toBe(true);
  });

  it("looks through the query builder's wrapper to its cause", () => {
    expect(isServiceUnavailable(new DrizzleQueryError("select 1", [], withCode("ECONNREFUSED")))).toBe(true);
    expect(isServiceUnavailable(new DrizzleQueryError("select 1", [], withCode("23505")))).toBe(false);
  });

  it("does not take a constraint violation, a syntax error or a plain bug for an outage", () => {
    for (const error of [withCode("23505"), withCode("42601"), withCode("40001"), new TypeError("x is undefined"), "text", null]) {
      expect(isServiceUnavailable(error)).toBe(false);
    }
  });

  it("turns an outage inside an action into the serviceUnavailable error, and lets anything else through", async () => {
    expect(await unlessUnavailable(async () => { throw withCode("ECONNREFUSED"); })).toEqual({ ok: false, error: "serviceUnavailable" });
    expect(await unlessUnavailable(async () => ({ ok: true as const, data: 1 }))).toEqual({ ok: true, data: 1 });
    await expect(unlessUnavailable(async () => { throw new TypeError("bug"); })).rejects.toThrow("bug");
  });
});
