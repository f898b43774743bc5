import { describe, expect, it } from "vitest";
import { servesAnotherHostThanAppUrl, unsafeProductionSettings } from "@/lib/production-settings";

const safe = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "9f1c2b7a4e6d8c0b1a3f5e7d9c2b4a6f8e0d2c4b6a8f0e1d",
  APP_URL: "https://portail.exemple.ca",
  NEXTAUTH_URL: "https://portail.exemple.ca",
};

describe("a production server refuses unsafe settings", () => {
  it("accepts a complete configuration, and checks nothing outside production", () => {
    expect(unsafeProductionSettings(safe)).toEqual([]);
    expect(unsafeProductionSettings({ NODE_ENV: "development" })).toEqual([]);
  });

  it("refuses a missing, short or development secret, CI or not", () => {
    expect(unsafeProductionSettings({ ...safe, NEXTAUTH_SECRET: undefined, CI: "1" })).toEqual([expect.stringContaining("NEXTAUTH_SECRET is not set")]);
    expect(unsafeProductionSettings({ ...safe, NEXTAUTH_SECRET: "dev-only-secret-change-me-in-production" })).toHaveLength(1);
    expect(unsafeProductionSettings({ ...safe, NEXTAUTH_SECRET: "short-secret" })).toHaveLength(1);
  });

  it("refuses the dev mailbox unless the loud opt-in is given", () => {
    expect(unsafeProductionSettings({ ...safe, DEV_MAILBOX: "on" })).toEqual([expect.stringContaining("DEV_MAILBOX=on-i-understand")]);
    expect(unsafeProductionSettings({ ...safe, DEV_MAILBOX: "on-i-understand" })).toEqual([]);
    expect(unsafeProductionSettings({ ...safe, DEV_MAILBOX: "off" })).toEqual([]);
  });

  it("refuses a missing APP_URL and a NEXTAUTH_URL pointing elsewhere", () => {
    expect(unsafeProductionSettings({ ...safe, APP_URL: undefined })).toEqual([expect.stringContaining("APP_URL is not set")]);
    expect(unsafeProductionSettings({ ...safe, NEXTAUTH_URL: "http://localhost:3000" })).toEqual([expect.stringContaining("differ")]);
    expect(unsafeProductionSettings({ ...safe, TRUSTED_PROXY_HOPS: "-1" })).toHaveLength(1);
  });

  it("tells a request for a public host from one for the local machine when APP_URL is left at localhost", () => {
    expect(servesAnotherHostThanAppUrl("http://localhost:3000", "portail.exemple.ca")).toBe(true);
    expect(servesAnotherHostThanAppUrl("http://localhost:3000", "localhost:3000")).toBe(false);
    expect(servesAnotherHostThanAppUrl("http://127.0.0.1:3100", "127.0.0.1:3100")).toBe(false);
    expect(servesAnotherHostThanAppUrl("https://portail.exemple.ca", "10.0.0.5:3000")).toBe(false);
  });
});
