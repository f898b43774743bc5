// A throwaway PostgreSQL cluster on its own port (Debian's pg_createcluster, run as root like CI), restarted at
// will by the fault tests, and PgBouncer in transaction mode in front of it. The machine's own cluster is never
// touched.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { appendFileSync, chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type ClusterInfo = { version: string; name: string; port: number; dir: string };

function run(command: string, args: string[]) {
  return execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}-${from + 199}`);
}

function postgresVersion(): string {
  const versions = readdirSync("/etc/postgresql").filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error("no PostgreSQL server under /etc/postgresql (Debian's postgresql package)");
  return versions[0]!;
}

/** Creates and starts a cluster with durability off (it lives for one test run). Needs root and pg_createcluster. */
export async function createCluster(): Promise<ClusterInfo> {
  if (process.getuid?.() !== 0) throw new Error("the fault tests create a PostgreSQL cluster with pg_createcluster: run them as root (as CI does)");
  const version = postgresVersion();
  const port = await freePort(55_432);
  const name = `portail_faults_${process.pid}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "portail-faults-"));
  const uid = Number(run("id", ["-u", "postgres"]).trim());
  const gid = Number(run("id", ["-g", "postgres"]).trim());
  chownSync(dir, uid, gid);
  run("pg_createcluster", [
    version, name, "--port", String(port), "--datadir", path.join(dir, "data"), "--start-conf", "manual",
    "-o", "fsync=off",
    "-o", "synchronous_commit=off", "-o", "full_page_writes=off", "-o", "max_connections=60",
    "--", "--auth=trust",
  ]);
  const cluster = { version, name, port, dir };
  try {
    // Written here rather than with -o, which does not quote these values.
    appendFileSync(
      path.join("/etc/postgresql", version, name, "postgresql.conf"),
      `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\n`,
    );
    startCluster(cluster);
    run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-c", "create database portail"]);
  } catch (error) {
    dropCluster(cluster);
    throw error;
  }
  return cluster;
}

function ctl(cluster: ClusterInfo, action: "start" | "stop" | "restart", extra: string[] = []) {
  run("pg_ctlcluster", ["--skip-systemctl-redirect", cluster.version, cluster.name, action, ...extra]);
}

/** Returns once the server accepts connections. */
export function startCluster(cluster: ClusterInfo) {
  ctl(cluster, "start");
}

/** Fast shutdown: open connections are closed at once, as in a real restart. */
export function stopCluster(cluster: ClusterInfo) {
  ctl(cluster, "stop", ["-m", "fast"]);
}

/** Asynchronous, so the load keeps running (and sees its connections close) while the server restarts. */
export async function restartCluster(cluster: ClusterInfo): Promise<void> {
  await promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", cluster.version, cluster.name, "restart", "-m", "fast"]);
}

export function dropCluster(cluster: ClusterInfo) {
  try {
    run("pg_dropcluster", ["--stop", cluster.version, cluster.name]);
  } finally {
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}

export const databaseUrl = (port: number, database = "portail") => `postgres://postgres@127.0.0.1:${port}/${database}`;

export type Pooler = { port: number; stop: () => Promise<void> };

/** PgBouncer in transaction mode in front of `target` (Debian's pgbouncer; it runs as the postgres user). */
export async function startPgBouncer(target: { port: number }, options: { poolSize?: number } = {}): Promise<Pooler> {
  const port = await freePort(56_432);
  const dir = mkdtempSync(path.join(os.tmpdir(), "portail-pgbouncer-"));
  const uid = Number(run("id", ["-u", "postgres"]).trim());
  const gid = Number(run("id", ["-g", "postgres"]).trim());
  chownSync(dir, uid, gid);
  const ini = path.join(dir, "pgbouncer.ini");
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=127.0.0.1 port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${options.poolSize ?? 10}`,
      "max_client_conn = 200",
      // A server connection that fails is retried soon, so a restart behind the pooler costs about a second.
      "server_login_retry = 1",
      "server_connect_timeout = 5",
      "ignore_startup_parameters = extra_float_digits,application_name",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, "users.txt"), '"postgres" ""\n');
  const child: ChildProcess = spawn("pgbouncer", ["-u", "postgres", ini], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (await portIsFree(port)) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
