// The prebuilt empty cluster a new PGlite data folder starts from (db/pglite-template.ts).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { pgliteExtensions } from "@/db/client";
import { createFromTemplate, installedPgliteVersion, isNewDataDir, templatePath } from "@/db/pglite-template";

const scratch = mkdtempSync(path.join(os.tmpdir(), "pglite-template-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("PGlite template", () => {
  it("exists for the installed PGlite version (run `npm run db:pglite-template` after upgrading PGlite)", () => {
    expect(readFileSync(templatePath(installedPgliteVersion())).length).toBeGreaterThan(1_000_000);
  });

  it("makes a data folder PGlite opens as an existing cluster, with pg_trgm available", { timeout: 120_000 }, async () => {
    const dir = path.join(scratch, "fresh");
    expect(createFromTemplate(dir)).toBe(true);
    expect(isNewDataDir(dir)).toBe(false);
    const pglite = new PGlite(dir, { extensions: pgliteExtensions });
    try {
      await pglite.exec("create extension if not exists pg_trgm; create table t (x text); insert into t values ('École');");
      const { rows } = await pglite.query<{ similar: boolean }>("select similarity(x, 'Ecole') > 0 as similar from t");
      expect(rows).toEqual([{ similar: true }]);
    } finally {
      await pglite.close();
    }
  });

  it("never touches a folder that already holds a cluster or other files", () => {
    expect(createFromTemplate(path.join(scratch, "fresh"))).toBe(false);
    const cluttered = path.join(scratch, "cluttered");
    mkdirSync(cluttered);
    writeFileSync(path.join(cluttered, "note.txt"), "x");
    expect(createFromTemplate(cluttered)).toBe(false);
    expect(readdirSync(cluttered)).toEqual(["note.txt"]);
  });
});
