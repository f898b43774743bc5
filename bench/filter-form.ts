// A back-office GET filter form (next/form, components/admin/filter-form.tsx): what a filter change costs the server
// as a whole document (a plain GET: before the page's script has loaded, a shared link, a reload) and as the client
// navigation next/form makes once it has. One `next start` instance on the bench database (after bench/generate and
// `npm run build`), signed in as a platform admin. Chromium (playwright-core, /usr/bin/chromium unless CHROMIUM_PATH)
// submits the page's form once per query to capture the request the navigation sends; then the document and that
// request are alternated by blocks in the same process, so the machine's load weighs on both alike. Prints per
// request the app's CPU (the instance's processes, from /proc), the database's (its backends) and the answer's bytes
// (uncompressed), min–max and mean of the rounds.
//
// Usage: npx tsx bench/filter-form.ts [--page /admin/tentatives] [--queries 'a=1&b= | a=2&b=x'] [--block 60]
//                                     [--rounds 4] [--warmup 60] [--port 3391]
// Each query lists the form's fields in the form's order, blank ones included, as the form sends them.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { chromium } from "playwright-core";
import { benchDatabaseUrl, databaseName } from "@/bench/bench-database";
import { loadAverage, processCpuMs, processTree } from "@/bench/process-cpu";
import { hashPassword } from "@/lib/password-hash";

const { values: args } = parseArgs({
  options: {
    page: { type: "string", default: "/admin/tentatives" },
    queries: {
      type: "string",
      default:
        "email=&student=&school=&from=&to=&outcome=failed | email=&student=Tremblay&school=&from=&to=&outcome=all | " +
        "email=personne%40exemple.ca&student=&school=&from=&to=&outcome=failed",
    },
    block: { type: "string", default: "60" },
    rounds: { type: "string", default: "4" },
    warmup: { type: "string", default: "60" },
    port: { type: "string", default: "3391" },
  },
});
const pagePath = args.page;
const queries = args.queries.split("|").map((q) => q.trim()).filter(Boolean);
const block = Number(args.block);
const rounds = Number(args.rounds);
const warmup = Number(args.warmup);
const port = Number(args.port);

const SECRET = "bench-filter-form-secret-not-for-production-0123456789";
const ADMIN_EMAIL = "bench-filter-form-admin@exemple.ca";
const databaseUrl = benchDatabaseUrl();
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
// The instance's connections carry this name, so the database CPU counts its backends only.
const applicationName = `bench-filter-form-${process.pid}`;
const appDatabaseUrl = new URL(databaseUrl);
appDatabaseUrl.searchParams.set("application_name", applicationName);

/** A platform admin's session cookie (second factor proven), as bench/http makes it. */
async function adminSession(): Promise<{ name: string; value: string }> {
  const hash = await hashPassword("Bench-Filter-Form-2026!");
  await sql`
    insert into staff_users (email, name, password_hash, role) values (${ADMIN_EMAIL}, 'Bench Filtres', ${hash}, 'admin')
    on conflict (email) do nothing`;
  const [admin] = await sql<{ id: string }[]>`select id from staff_users where email = ${ADMIN_EMAIL}`;
  await sql`delete from auth_sessions where staff_user_id = ${admin!.id}`;
  const [session] = await sql<{ id: string }[]>`
    insert into auth_sessions (subject, staff_user_id, expires_at, second_factor_at, second_factor_method)
    values ('staff', ${admin!.id}, now() + interval '12 hours', now(), 'totp') returning id`;
  const jwt = await encode({
    token: { uid: admin!.id, subject: "staff", sid: session!.id, email: ADMIN_EMAIL },
    secret: SECRET,
    maxAge: 12 * 3600,
  });
  return { name: "next-auth.session-token", value: jwt };
}

async function cpuSoFar(root: number): Promise<{ app: number; db: number }> {
  const app = processTree(root).reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  const backends = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = ${databaseName(databaseUrl)} and application_name = ${applicationName}`;
  return { app, db: backends.reduce((sum, { pid }) => sum + (processCpuMs(pid) ?? 0), 0) };
}

/** A GET without compression: the answer's status, content type and bytes. */
function get(pathAndQuery: string, headers: Record<string, string>): Promise<{ status: number; type: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path: pathAndQuery, headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"]), bytes }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

async function waitUntilUp() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/auth/csrf`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the instance on port ${port} did not start`);
}

type Kind = { label: string; path: string; headers: Record<string, string> };

/** The request the form's client navigation sends for each query, captured in Chromium. */
async function clientNavigations(cookie: { name: string; value: string }): Promise<Kind[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    await context.addCookies([{ ...cookie, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
    const kinds: Kind[] = [];
    for (const query of queries) {
      const page = await context.newPage();
      await page.goto(pagePath);
      await page.locator("main form").first().waitFor();
      await page.evaluate((fields) => {
        const form = document.querySelector("main form") as HTMLFormElement;
        for (const [name, value] of new URLSearchParams(fields)) {
          const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
          if (!field) throw new Error(`the form has no field "${name}"`);
          field.value = value;
        }
      }, query);
      const captured = page.waitForRequest((r) => new URL(r.url()).pathname === pagePath && r.headers()["rsc"] === "1");
      await page.locator("main form [type=submit]").first().click();
      const request = await captured;
      const url = new URL(request.url());
      const sent = new URLSearchParams(url.search);
      sent.delete("_rsc");
      if (sent.toString() !== new URLSearchParams(query).toString()) throw new Error(`the form sent "${sent}" for "${query}"`);
      const headers = Object.fromEntries(
        Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(":") && !["accept-encoding", "host", "cookie"].includes(name)),
      );
      kinds.push({ label: `client navigation ?${query}`, path: url.pathname + url.search, headers });
      await page.close();
    }
    return kinds;
  } finally {
    await browser.close();
  }
}

async function main() {
  const cookie = await adminSession();
  const instance = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: appDatabaseUrl.toString(),
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      APP_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: "never",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitUntilUp();
    const navigations = await clientNavigations(cookie);
    const cookieHeader = `${cookie.name}=${cookie.value}`;
    const kinds = queries.flatMap((query, i): Kind[] => [
      { label: `document ?${query}`, path: `${pagePath}?${query}`, headers: { accept: "text/html", cookie: cookieHeader } },
      { ...navigations[i]!, headers: { ...navigations[i]!.headers, cookie: cookieHeader } },
    ]);
    const answers = new Map<string, { status: number; type: string; bytes: number }>();
    for (const kind of kinds) {
      for (let i = 0; i < warmup; i++) answers.set(kind.label, await get(kind.path, kind.headers));
    }
    const spent = new Map(kinds.map((kind) => [kind.label, { app: [] as number[], db: [] as number[] }]));
    console.log(`load average at the start: ${loadAverage()}`);
    for (let round = 0; round < rounds; round++) {
      for (const kind of kinds) {
        const before = await cpuSoFar(instance.pid!);
        for (let i = 0; i < block; i++) await get(kind.path, kind.headers);
        const after = await cpuSoFar(instance.pid!);
        spent.get(kind.label)!.app.push((after.app - before.app) / block);
        spent.get(kind.label)!.db.push((after.db - before.db) / block);
      }
    }
    console.log(`load average at the end: ${loadAverage()}`);
    const range = (xs: number[]) =>
      `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} (mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)})`;
    for (const kind of kinds) {
      const answer = answers.get(kind.label)!;
      const cpu = spent.get(kind.label)!;
      console.log(`${kind.label}\n  HTTP ${answer.status} ${answer.type}, ${(answer.bytes / 1024).toFixed(1)} KB; CPU ms per request: app ${range(cpu.app)}, database ${range(cpu.db)}`);
    }
  } finally {
    instance.kill("SIGTERM");
    await sql.end();
  }
}

await main();
