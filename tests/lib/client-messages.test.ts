// Each area of the app hands its client components only the message namespaces they read (<ClientMessages
// area="…"> in its layout, lists in lib/i18n/client-namespaces.ts). A namespace missing from a list would show the
// key instead of the text (or throw), so this test follows the imports of every page, layout and boundary of each
// area to the client components they reach and checks that the area's list covers every namespace those modules
// read: useTranslations("ns…") and catalog keys written as strings ("ns.key", `ns.${…}`) that a client component
// translates with a namespace-less useTranslations().
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientNamespaces, pickMessages, type ClientArea } from "@/lib/i18n/client-namespaces";
import { messagesFor } from "@/lib/i18n/messages";

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

const sources = new Map<string, string>();
function source(file: string): string {
  let text = sources.get(file);
  if (text === undefined) sources.set(file, (text = readFileSync(file, "utf8")));
  return text;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier)
    : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null; // JSON, CSS and the like
}

function importsOf(file: string): string[] {
  const text = source(file);
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\s+(?!type\s)[^;]*?\bfrom\s*["']([^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/\bimport\s+["']([^"']+)["']/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null);
}

const directive = (file: string, name: string) => new RegExp(`^\\s*(?:\\/\\/[^\\n]*\\n\\s*)*["']${name}["']`).test(source(file));
const isClientEntry = (file: string) => directive(file, "use client");
// A server actions module: the browser only holds references to its functions.
const isServerActions = (file: string) => directive(file, "use server");

/** The modules that run in the browser when the given server files render: client entries and all they import. */
function clientModules(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const client = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    const key = `${inClient}:${file}`;
    if (seen.has(key) || isServerActions(file)) return;
    seen.add(key);
    const nowClient = inClient || isClientEntry(file);
    if (nowClient) client.add(file);
    for (const imported of importsOf(file)) visit(imported, nowClient);
  };
  for (const entry of entries) visit(entry, false);
  return client;
}

const catalog = messagesFor("fr") as Record<string, unknown>;
function inCatalog(key: string): boolean {
  let node: unknown = catalog;
  for (const segment of key.split(".")) {
    if (typeof node !== "object" || node === null || !(segment in node)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * The catalog paths a module reads: useTranslations("ns.sub…") (a template's static head for a computed one), and
 * catalog keys written as strings ("ns.key", `ns.sub.${…}`) that a component translates with useTranslations().
 */
function pathsRead(file: string): Set<string> {
  const text = source(file);
  const paths = new Set<string>();
  for (const m of text.matchAll(/useTranslations\(\s*["'`]([A-Za-z][\w.]*?)\.?(?:\$\{|["'`])/g)) paths.add(m[1]!);
  for (const m of text.matchAll(/["'`]([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)(\.\$\{|["'`])/g)) {
    const key = m[1]!;
    if ((key.includes(".") || m[2] === ".${") && inCatalog(key)) paths.add(key);
  }
  return paths;
}

/** Whether the list hands over the path: the path itself or one of its ancestors is listed. */
const covers = (list: readonly string[], key: string) => list.some((entry) => key === entry || key.startsWith(`${entry}.`));

// The areas: each layout that renders <ClientMessages area="…"> governs its folder, except the folders of nested areas.
const areaDirs = new Map<string, ClientArea>();
for (const file of sourceFiles(appDir)) {
  const area = /<ClientMessages\s+area="([A-Za-z]+)"/.exec(source(file))?.[1];
  if (area && path.basename(file) === "layout.tsx") areaDirs.set(path.dirname(file), area as ClientArea);
}

function areaOf(file: string): ClientArea | undefined {
  for (let dir = path.dirname(file); dir.startsWith(appDir); dir = path.dirname(dir)) {
    const area = areaDirs.get(dir);
    if (area) return area;
  }
  return undefined;
}

// Rendered under the layouts: pages, layouts, boundaries and their components (route handlers render nothing;
// global-error replaces the root layout and brings its own messages).
const rendered = [...sourceFiles(appDir)].filter((f) => !/(^|\/)(route|global-error)\.tsx?$/.test(f));

describe("client message namespaces", () => {
  it("every area of the app has a layout with its own list", () => {
    expect(areaDirs.get(appDir)).toBe("root");
    expect(new Set(areaDirs.values())).toEqual(new Set(Object.keys(clientNamespaces)));
  });

  it("the lists name paths of the catalog, none beside one of its ancestors", () => {
    for (const [area, list] of Object.entries(clientNamespaces)) {
      for (const key of list) {
        expect(inCatalog(key), `${area}: ${key}`).toBe(true);
        expect(list.filter((other) => key.startsWith(`${other}.`)), `${area}: ${key}`).toEqual([]);
      }
    }
  });

  for (const area of Object.keys(clientNamespaces) as ClientArea[]) {
    it(`area "${area}": its client components find every namespace they read`, () => {
      const client = clientModules(rendered.filter((f) => areaOf(f) === area));
      expect(client.size).toBeGreaterThan(0);
      const missing: string[] = [];
      for (const file of client) {
        for (const key of pathsRead(file)) {
          if (!covers(clientNamespaces[area], key)) missing.push(`${key} (${path.relative(root, file)})`);
        }
      }
      expect(missing).toEqual([]);
    });
  }

  it("the scan sees the namespaces of a known client component", () => {
    const table = path.join(appDir, "admin/(back-office)/comptes/_components/accounts-table.tsx");
    expect([...pathsRead(table)].sort()).toEqual(["adminAccounts"]);
    const schoolPicker = path.join(root, "components/admin/school-picker.tsx");
    expect(clientModules([path.join(appDir, "admin/(back-office)/eleves/page.tsx")]).has(schoolPicker)).toBe(true);
  });
});

describe("pickMessages", () => {
  it("keeps the listed paths only, and leaves the catalog as it was", () => {
    const catalog = messagesFor("fr");
    const before = JSON.stringify(catalog);
    const picked = pickMessages(catalog, ["admin.table", "admin.students", "schoolPicker"]);
    expect(picked).toEqual({ admin: { table: catalog.admin.table, students: catalog.admin.students }, schoolPicker: catalog.schoolPicker });
    expect(JSON.stringify(catalog)).toBe(before);
  });

  it("refuses a path the catalog does not have", () => {
    expect(() => pickMessages(messagesFor("en"), ["admin.nothingHere"])).toThrow(/admin\.nothingHere/);
  });
});
