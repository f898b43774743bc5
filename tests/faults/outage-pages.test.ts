// A database outage seen from the browser's side: a signed-in parent is not signed out, pages say the service is
// momentarily unavailable (in the visitor's language), and the same session works again once the server is back.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseUrl, freePort, startCluster, stopCluster } from "@/tests/faults/helpers/cluster";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { submitSignIn } from "@/tests/e2e/helpers/parent";

const cluster = inject("faultsCluster");
const root = path.resolve(import.meta.dirname, "..", "..");
let server: ChildProcess;
let baseURL: string;
let log = "";

async function waitForServer() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited:\n${log.slice(-3000)}`);
    const response = await fetch(`${baseURL}/api/health/ready`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not become ready:\n${log.slice(-3000)}`);
}

beforeAll(async () => {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` before the fault tests");
  execFileSync("psql", ["-h", "127.0.0.1", "-p", String(cluster.port), "-U", "postgres", "-c", "drop database if exists pages", "-c", "create database pages"]);
  const port = await freePort(3_900);
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(root, "server.mjs"), "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl(cluster.port, "pages"),
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: baseURL,
      APP_URL: baseURL,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await waitForServer();
});

afterAll(async () => {
  try {
    startCluster(cluster);
  } catch {
    // already running
  }
  if (server && server.exitCode === null) {
    await new Promise<void>((resolve) => {
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  }
});

describe("a database outage seen by a signed-in parent", () => {
  afterAll(() => closeBrowser());

  it("is not a sign-out: pages say the service is momentarily unavailable, forms keep what was typed, and Réessayer works once the server is back", async () => {
    const page = await newPage(baseURL);
    screenshotOnFailure(page);
    await page.goto("/connexion");
    await submitSignIn(page, "parent.demo@exemple.ca", "Demo-Portail-2026!");
    await page.waitForURL((url) => url.pathname === "/enfants");
    await page.goto("/associer");
    await page.getByTestId("has-nip-yes").check();
    const nipField = page.getByLabel("NIP fourni par l'établissement");
    await nipField.fill("KQ7P-M3XZ");

    stopCluster(cluster);
    try {
      // A form sent during the outage: an error in the form, and what was typed stays.
      await page.getByRole("button", { name: "Enregistrer" }).click();
      await page.getByTestId("association-error").filter({ hasText: "momentanément indisponible" }).waitFor({ state: "visible" });
      expect(await nipField.inputValue()).toBe("KQ7P-M3XZ");

      // A page opened during the outage: the translated notice with a retry, not the sign-in page.
      await page.goto("/enfants");
      await page.getByTestId("service-unavailable").waitFor({ state: "visible" });
      expect(new URL(page.url()).pathname).toBe("/enfants");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Service momentanément indisponible");
      const cookies = await page.context().cookies();
      expect(cookies.some((c) => c.name === "next-auth.session-token")).toBe(true);

      await page.context().addCookies([{ name: "locale", value: "en", url: baseURL }]);
      await page.reload();
      await page.getByRole("heading", { name: "Service temporarily unavailable" }).waitFor({ state: "visible" });
      await page.context().addCookies([{ name: "locale", value: "fr", url: baseURL }]);
      await page.reload();
      await page.getByTestId("service-unavailable").waitFor({ state: "visible" });
    } finally {
      startCluster(cluster);
    }

    const began = performance.now();
    await page.getByRole("button", { name: "Réessayer" }).click();
    await page.getByTestId("service-unavailable").waitFor({ state: "detached" });
    await page.getByRole("heading", { level: 1 }).filter({ hasText: "Mes enfants" }).waitFor({ state: "visible" });
    const ms = performance.now() - began;
    console.log(`[faults] pages: after the restart, Réessayer showed /enfants again in ${ms.toFixed(0)} ms, same session`);
    expect(new URL(page.url()).pathname).toBe("/enfants");
  });
});
