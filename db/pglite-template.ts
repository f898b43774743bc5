// A new PGlite data folder starts from a prebuilt, empty cluster shipped in db/pglite-template/ instead of running
// PGlite's initdb, which is most of a first start (≈ 7 s on an idle machine, 20–30 s on a busy one; unpacking the
// template takes well under a second). The template holds no schema and no data — the migrations and the demo
// seed run on it as on a cluster from initdb — so only a new PGlite version makes it stale; it is then not used
// (initdb runs as before) until `npm run db:pglite-template` rebuilds it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export const templateDir = path.join(process.cwd(), "db", "pglite-template");

/** The installed PGlite version: a template is only valid for the version that made it. */
export function installedPgliteVersion(): string {
  const manifest = path.join(process.cwd(), "node_modules", "@electric-sql", "pglite", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

export function templatePath(version = installedPgliteVersion()): string {
  return path.join(templateDir, `pglite-${version}.tar.gz`);
}

/** Whether `dir` holds no cluster yet (absent, or without PG_VERSION). */
export function isNewDataDir(dir: string): boolean {
  return !existsSync(path.join(dir, "PG_VERSION"));
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
}

/**
 * Unpacks a ustar archive (what PGlite's dumpDataDir writes) into `dir`, dropping the archive's top folder
 * ("pgdata/…"). Only folders and regular files occur in a data folder dump.
 */
export function extractTar(archive: Buffer, dir: string) {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 48);
    offset += 512;
    const relative = name.split("/").slice(1).join("/");
    const target = path.join(dir, relative);
    if (!target.startsWith(path.resolve(dir))) throw new Error(`refusing a path outside the data folder: ${name}`);
    if (type === "5") {
      mkdirSync(target, { recursive: true });
    } else if (type === "0" && relative !== "") {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, archive.subarray(offset, offset + size));
    }
    offset += Math.ceil(size / 512) * 512;
  }
}

/**
 * Fills a new data folder from the template of the installed PGlite version. Returns false (and changes nothing)
 * when the folder already holds a cluster or there is no template for this version.
 */
export function createFromTemplate(dir: string): boolean {
  const resolved = path.resolve(dir);
  if (!isNewDataDir(resolved)) return false;
  let archive: Buffer;
  try {
    archive = readFileSync(templatePath());
  } catch {
    return false;
  }
  if (existsSync(resolved) && readdirSync(resolved).length > 0) return false;
  mkdirSync(resolved, { recursive: true });
  extractTar(gunzipSync(archive), resolved);
  return true;
}
