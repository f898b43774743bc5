// Load test of whole requests on the Quebec-scale data set (after bench/generate and `npm run build`): two
// `next start` instances on the bench database, the load split between them, each request's req/s, p50/p95/p99 and
// the CPU it cost (app processes + the database's backends, read from /proc) beside the floor route
// (GET /api/auth/csrf) measured in the same run.
//
// Prepares in the bench database: one platform admin with an open session, and --parents parent accounts, each
// with an open session and its email on one student's record. Half of the association attempts name the child
// right (the association is made), half type a wrong birth day (refused, recorded with its diagnosis); each round
// starts by removing the previous rounds' associations and attempts of those accounts, so limits never kick in.
//
// Usage: npx tsx bench/http.ts [--connections 10] [--duration 10] [--rounds 1] [--parents 2000] [--port 3310]
//                               [--dir .] [--only floor,associate,search,signin]
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { benchDatabaseUrl, databaseName } from "@/bench/bench-database";
import { loadAverage, processCpuMs, processTree } from "@/bench/process-cpu";
import { summary } from "@/bench/timing";
import { hashPassword } from "@/lib/password-hash";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "10" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "1" },
    parents: { type: "string", default: "2000" },
    port: { type: "string", default: "3310" },
    dir: { type: "string", default: "." },
    only: { type: "string", default: "floor,associate,search,signin" },
  },
});
const connections = Number(args.connections);
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const rounds = Number(args.rounds);
const parentCount = Number(args.parents);
const ports = [Number(args.port), Number(args.port) + 1];
const appDir = path.resolve(args.dir);
const only = new Set(args.only.split(","));

const SECRET = "bench-http-secret-not-for-production-0123456789";
const PASSWORD = "Bench-Http-Portail-2026!";
const ADMIN_EMAIL = "bench-http-admin@exemple.ca";
const parentEmail = (i: number) => `bench-http-${i}@exemple.ca`;

const databaseUrl = benchDatabaseUrl();
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
// The instances' connections carry this name (postgres.js lets the URL override the app's application_name), so
// the CPU read from the database counts their backends only, not those of anyone else reading the bench database.
const applicationName = `bench-http-${process.pid}`;
const appDatabaseUrl = (() => {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", applicationName);
  return url.toString();
})();

// ---------- Preparation in the database ----------

type Child = { studentId: number; boardId: number; fiche: string; lastName: string; firstName: string; birthDate: string };
type Parent = { id: string; email: string; child: Child; cookie: string };

/** A session cookie; a staff session has proven its second factor (the back office opens only after it). */
async function sessionCookie(subject: "parent" | "staff", userId: string, email: string): Promise<string> {
  const [session] = await sql<{ id: string }[]>`
    insert into auth_sessions (subject, parent_account_id, staff_user_id, expires_at, second_factor_at, second_factor_method)
    values (${subject}, ${subject === "parent" ? userId : null}, ${subject === "staff" ? userId : null}, now() + interval '12 hours',
            ${subject === "staff" ? sql`now()` : null}, ${subject === "staff" ? "totp" : null})
    returning id`;
  const jwt = await encode({ token: { uid: userId, subject, sid: session!.id, email }, secret: SECRET, maxAge: 12 * 3600 });
  return `next-auth.session-token=${jwt}`;
}

async function prepare(): Promise<{ parents: Parent[]; adminCookie: string; searches: string[] }> {
  const hash = await hashPassword(PASSWORD);
  await sql`delete from auth_sessions where parent_account_id in (select id from parent_accounts where email like 'bench-http-%')`;
  await sql`
    insert into staff_users (email, name, password_hash, role) values (${ADMIN_EMAIL}, 'Bench HTTP', ${hash}, 'admin')
    on conflict (email) do nothing`;
  const [admin] = await sql<{ id: string }[]>`select id from staff_users where email = ${ADMIN_EMAIL}`;
  await sql`delete from auth_sessions where staff_user_id = ${admin!.id}`;

  // Children spread over the province: every n-th active record.
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from students`;
  const step = Math.max(1, Math.floor(n / parentCount));
  const children = await sql<Child[]>`
    select id as "studentId", board_id as "boardId", fiche, last_name as "lastName", first_name as "firstName",
           birth_date::text as "birthDate"
    from students where archived_at is null and id % ${step} = 0 order by id limit ${parentCount}`;
  const emails = children.map((_, i) => parentEmail(i));
  await sql`
    insert into parent_accounts (email, password_hash, email_verified_at)
    select unnest(${emails}::text[]), ${hash}, now()
    on conflict (email) do update set password_hash = excluded.password_hash, disabled_at = null`;
  await sql`
    insert into guardian_emails (student_id, email)
    select unnest(${children.map((c) => c.studentId)}::int[]), unnest(${emails}::text[])
    on conflict do nothing`;
  const ids = await sql<{ id: string; email: string }[]>`select id, email from parent_accounts where email = any(${emails})`;
  const idOf = new Map(ids.map((r) => [r.email, r.id]));
  const parents: Parent[] = [];
  for (const [i, child] of children.entries()) {
    const id = idOf.get(parentEmail(i))!;
    parents.push({ id, email: parentEmail(i), child, cookie: await sessionCookie("parent", id, parentEmail(i)) });
  }
  const adminCookie = await sessionCookie("staff", admin!.id, ADMIN_EMAIL);
  // What an admin types: a last name and a first name, or a last name alone, of records across the province.
  const searches = children.slice(0, 200).map((c, i) => (i % 2 === 0 ? `${c.lastName} ${c.firstName}` : c.lastName));
  return { parents, adminCookie, searches };
}

async function resetAttempts(parents: Parent[]) {
  const ids = parents.map((p) => p.id);
  await sql`delete from associations where parent_account_id = any(${ids}::uuid[])`;
  await sql`delete from association_attempts where parent_account_id = any(${ids}::uuid[])`;
}

// ---------- The app instances ----------

function startInstance(port: number): ChildProcess {
  // e.g. BENCH_HTTP_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" to profile the instances.
  const nodeArgs = process.env.BENCH_HTTP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(appDir, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: appDatabaseUrl,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      APP_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "never",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function waitUntilUp(port: number) {
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the instance on port ${port} did not start`);
}

// ---------- CPU from /proc ----------

async function databaseBackends(): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${databaseName(databaseUrl)} and application_name = ${applicationName}`;
  return rows.map((r) => r.pid);
}

type CpuSnapshot = { app: Map<number, number>; db: Map<number, number> };

async function cpuSnapshot(roots: number[]): Promise<CpuSnapshot> {
  const app = new Map(roots.flatMap(processTree).map((pid) => [pid, processCpuMs(pid) ?? 0] as const));
  const db = new Map((await databaseBackends()).map((pid) => [pid, processCpuMs(pid) ?? 0] as const));
  return { app, db };
}

/** CPU milliseconds spent between two snapshots by the app processes and the database backends. */
function cpuBetween(before: CpuSnapshot, after: CpuSnapshot) {
  const spent = (a: Map<number, number>, b: Map<number, number>) => {
    let ms = 0;
    for (const [pid, end] of b) ms += end - (a.get(pid) ?? 0); // a backend opened meanwhile started at 0
    return ms;
  };
  return { app: spent(before.app, after.app), db: spent(before.db, after.db) };
}

// ---------- Load ----------

type Scenario = {
  name: string;
  label: string;
  request: (i: number, port: number) => autocannon.Request;
  ok: (status: number) => boolean;
  /** What one response must hold, checked before timing (a redirect to sign-in would otherwise look fast). */
  expect: RegExp;
};

/** Sends one request of the scenario outside the load and checks its answer. */
async function check(scenario: Scenario, i: number, port: number) {
  const request = scenario.request(i, port);
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    headers: request.headers as Record<string, string> | undefined,
    body: request.body as string | undefined,
    redirect: "manual",
  });
  const body = await response.text();
  if (!scenario.ok(response.status) || !scenario.expect.test(body)) {
    throw new Error(`${scenario.label}: unexpected answer ${response.status}: ${body.slice(0, 300)}`);
  }
}

type Measured = { label: string; requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number; appMs: number; dbMs: number; bytes: number };

async function load(scenario: Scenario, seconds: number): Promise<{ times: number[]; errors: number; bytes: number }> {
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  let counter = 0;
  const runs = ports.map(
    (port, p) =>
      new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `http://127.0.0.1:${port}`,
            connections: Math.max(1, Math.round(connections / ports.length) + (p === 0 ? connections % ports.length : 0)),
            duration: seconds,
            // Keeps autocannon's own fields (host and port: without them the Host header reads "undefined").
            requests: [{ setupRequest: (defaults) => ({ ...defaults, headers: {}, ...scenario.request(counter++, port) }) }],
          },
          (error) => (error ? reject(error) : resolve()),
        );
        instance.on("response", (_client, status, resBytes, responseTime) => {
          times.push(responseTime);
          bytes += resBytes;
          if (!scenario.ok(status)) errors++;
        });
      }),
  );
  await Promise.all(runs);
  return { times, errors, bytes };
}

async function measure(scenario: Scenario, roots: number[], beforeTiming: () => Promise<void>): Promise<Measured> {
  await beforeTiming();
  for (const [p, port] of ports.entries()) await check(scenario, p, port);
  await load(scenario, warmup);
  await beforeTiming();
  const before = await cpuSnapshot(roots);
  const started = performance.now();
  const { times, errors, bytes } = await load(scenario, duration);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuBetween(before, await cpuSnapshot(roots));
  const s = summary(times);
  return {
    label: scenario.label,
    requests: times.length,
    errors,
    perSecond: times.length / seconds,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    appMs: cpu.app / Math.max(1, times.length),
    dbMs: cpu.db / Math.max(1, times.length),
    bytes: bytes / Math.max(1, times.length),
  };
}

function print(results: Measured[]) {
  const floor = results.find((r) => r.label.startsWith("floor"));
  const floorCpu = floor ? floor.appMs + floor.dbMs : NaN;
  const head = ["request", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req (app+db)", "× floor", "KB/resp", "errors"];
  const widths = [38, 8, 8, 8, 8, 21, 8, 8, 7];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" ");
  console.log(line(head));
  for (const r of results) {
    const cpu = r.appMs + r.dbMs;
    console.log(
      line([
        r.label,
        r.perSecond.toFixed(1),
        r.p50.toFixed(0),
        r.p95.toFixed(0),
        r.p99.toFixed(0),
        `${cpu.toFixed(1)} (${r.appMs.toFixed(1)}+${r.dbMs.toFixed(1)})`,
        `×${(cpu / floorCpu).toFixed(1)}`,
        (r.bytes / 1024).toFixed(1),
        `${r.errors}/${r.requests}`,
      ]),
    );
  }
}

async function main() {
  for (const [name, value] of Object.entries({ connections, duration, rounds, parentCount })) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  }
  console.log(`preparing ${parentCount} parent accounts and sessions in ${databaseName(databaseUrl)}…`);
  const { parents, adminCookie, searches } = await prepare();
  const csrf = new Map<number, { token: string; cookie: string }>();

  const instances = ports.map(startInstance);
  const stop = () => instances.forEach((child) => child.kill("SIGTERM"));
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    await Promise.all(ports.map(waitUntilUp));
    for (const port of ports) {
      const response = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      csrf.set(port, { token: csrfToken, cookie });
    }

    const allScenarios: Scenario[] = [
      {
        name: "floor",
        label: "floor: GET /api/auth/csrf",
        request: () => ({ method: "GET", path: "/api/auth/csrf" }),
        ok: (status) => status === 200,
        expect: /csrfToken/,
      },
      {
        name: "associate",
        label: "association attempt (route handler)",
        request: (i, port) => {
          const parent = parents[i % parents.length]!;
          const { child } = parent;
          // Every other attempt types the day after the birth day: refused with a diagnosis.
          const birth = new Date(`${child.birthDate}T12:00:00Z`);
          if (i % 2 === 1) birth.setUTCDate(birth.getUTCDate() + 1);
          // What the form sends (lib/validations/association.ts: associateByMatchSchema's input).
          const input = {
            boardId: String(child.boardId),
            lastName: child.lastName,
            firstName: child.firstName,
            birthDate: { day: String(birth.getUTCDate()), month: String(birth.getUTCMonth() + 1), year: String(birth.getUTCFullYear()) },
            identifier: child.fiche,
          };
          return {
            method: "POST",
            path: "/api/associations/match",
            headers: {
              cookie: parent.cookie,
              origin: `http://127.0.0.1:${port}`,
              accept: "application/json",
              "content-type": "application/json",
              "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify(input),
          };
        },
        ok: (status) => status === 200,
        // The first answer of a round is a success (even i), the second a diagnosed refusal (odd i).
        expect: /"ok":true,"data":\{"firstName"|"ok":false,"error":"errors\.|"ok":false,"error":"association\./,
      },
      {
        name: "search",
        label: "admin student search page, province",
        request: (i) => ({
          method: "GET",
          path: `/admin/eleves?q=${encodeURIComponent(searches[i % searches.length]!)}`,
          headers: { cookie: adminCookie },
        }),
        ok: (status) => status === 200,
        expect: /<table/,
      },
      {
        name: "signin",
        label: "parent sign-in",
        request: (i, port) => {
          const parent = parents[i % parents.length]!;
          const { token, cookie } = csrf.get(port)!;
          return {
            method: "POST",
            path: "/api/auth/callback/parent",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.1.${(i >> 8) & 255}.${i & 255}` },
            body: new URLSearchParams({ csrfToken: token, email: parent.email, password: PASSWORD, json: "true" }).toString(),
          };
        },
        ok: (status) => status === 200,
        // A refused sign-in also answers 200, with "error=" in its url.
        expect: /^\{"url":"(?![^"]*error=)[^"]*"\}$/,
      },
    ];
    const scenarios = allScenarios.filter((s) => only.has(s.name));

    const roots = instances.map((child) => child.pid!);
    for (let round = 1; round <= rounds; round++) {
      console.log(`\nround ${round}/${rounds}: ${connections} connections over ${ports.length} instances, ${duration} s each (load average ${loadAverage()})`);
      const results: Measured[] = [];
      for (const scenario of scenarios) {
        results.push(await measure(scenario, roots, () => (scenario.name === "associate" ? resetAttempts(parents) : Promise.resolve())));
      }
      print(results);
    }
  } finally {
    stop();
    await resetAttempts(parents).catch(() => {});
    await sql.end();
  }
}

await main();
