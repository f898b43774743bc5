// Which PostgreSQL database the bench scripts use: BENCH_DATABASE_URL, or a database named "bench" on the local
// server. Never the tests' database: those are emptied by every test run, and a bench would wipe theirs.
import postgres from "postgres";

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432";

export function benchDatabaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? `${DEFAULT_SERVER_URL}/bench`;
  const name = databaseName(url);
  const testName = process.env.TEST_DATABASE_URL ? databaseName(process.env.TEST_DATABASE_URL) : "test";
  if (name === "test" || name === testName) {
    throw new Error(`refusing to use the tests' database "${name}" for benchmarks; set BENCH_DATABASE_URL`);
  }
  return url;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** Drops and creates the bench database (connected through the server's "postgres" database). */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const serverUrl = new URL(url);
  serverUrl.pathname = "/postgres";
  const admin = postgres(serverUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin`drop database if exists ${admin(name)} with (force)`;
    await admin`create database ${admin(name)}`;
  } finally {
    await admin.end();
  }
}
