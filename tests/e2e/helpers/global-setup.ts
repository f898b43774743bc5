// Starts the production server (`npm start`'s server.mjs) on a free port with a throwaway database, for the e2e run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseURL: string;
    /** Where staff sessions signed in during the run are kept for later pages (tests/e2e/helpers/staff.ts). */
    e2eStaffSessionsDir: string;
  }
}

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const serverScript = path.join(root, "server.mjs");
const resultsDir = path.join(root, "test-results");
const serverLog = path.join(resultsDir, "e2e-server.log");
const readyTimeoutMs = 120_000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 100; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${preferred}-${preferred + 99}`);
}

/**
 * A production server's environment: the caller's, minus anything that would reach real services or the
 * dev data.
 */
function serverEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith("VITEST") &&
        !["RESEND_API_KEY", "RESEND_BASE_URL", "DATABASE_URL", "TEST_DATABASE_URL", "PGLITE_DIR"].includes(key),
    ),
  );
  return { ...inherited, NEXT_TELEMETRY_DISABLED: "1", ...overrides, NODE_ENV: "production" };
}

function buildIfMissing(env: NodeJS.ProcessEnv) {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[e2e] no production build in .next: running `next build`");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

/** Tests start from an empty database: the server migrates and seeds it at start. */
async function resetPostgresSchema(url: string) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe("drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;");
  } finally {
    await admin.end();
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return Promise.resolve();
  const pid = server.pid;
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    server.once("exit", () => {
      clearTimeout(forceKill);
      resolve();
    });
    try {
      // The whole process group, should the server have started helpers.
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(forceKill);
      resolve();
    }
  });
}

async function waitUntilServing(url: string, server: ChildProcess, logTail: () => string) {
  const deadline = Date.now() + readyTimeoutMs;
  let lastOutcome = "no answer";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the e2e server exited (${server.exitCode ?? server.signalCode}) before serving:\n${logTail()}`);
    }
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      // A 5xx during start-up may be the database still migrating; keep asking until the deadline.
      if (response.status < 500) return;
      lastOutcome = `HTTP ${response.status}`;
    } catch (error) {
      lastOutcome = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the e2e server did not serve ${url} within ${readyTimeoutMs / 1000} s (last: ${lastOutcome}):\n${logTail()}`);
}

export default async function setup(project: TestProject) {
  mkdirSync(resultsDir, { recursive: true });
  const port = await freePort(Number(process.env.E2E_PORT ?? 3100));
  const baseURL = `http://127.0.0.1:${port}`;
  const pgliteDir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-db-"));
  const staffSessionsDir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-sessions-"));
  const databaseUrl = process.env.E2E_DATABASE_URL;
  if (databaseUrl) await resetPostgresSchema(databaseUrl);

  const env = serverEnvironment({
    PORT: String(port),
    PGLITE_DIR: path.join(pgliteDir, "pglite"),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    NEXTAUTH_URL: baseURL,
    APP_URL: baseURL,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    // Passkeys need a domain as relying party (an IP address is refused): the passkey test opens the app at localhost.
    WEBAUTHN_RP_ID: "localhost",
    WEBAUTHN_ORIGIN: `http://localhost:${port}`,
    // No Resend key: emails land in the dev mailbox, which the tests read.
    DEV_MAILBOX: "on-i-understand",
  });
  buildIfMissing(env);

  const log = createWriteStream(serverLog);
  let recent = "";
  const server = spawn(process.execPath, [serverScript, "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const record = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString()).slice(-4_000);
  };
  server.stdout?.on("data", record);
  server.stderr?.on("data", record);
  const logTail = () => `--- last server output (full log: ${serverLog}) ---\n${recent}`;

  const teardown = async () => {
    await stopServer(server);
    log.end();
    rmSync(pgliteDir, { recursive: true, force: true });
    rmSync(staffSessionsDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(`${baseURL}/connexion`, server, logTail);
  } catch (error) {
    await teardown();
    throw error;
  }
  console.log(`[e2e] server ready at ${baseURL} (log: ${path.relative(root, serverLog)})`);
  project.provide("e2eBaseURL", baseURL);
  project.provide("e2eStaffSessionsDir", staffSessionsDir);
  return teardown;
}
