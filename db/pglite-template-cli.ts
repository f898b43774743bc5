// `npm run db:pglite-template`: rebuilds db/pglite-template/pglite-<version>.tar.gz, the empty cluster new PGlite
// data folders start from, for the installed PGlite version (run it after upgrading @electric-sql/pglite).
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "@/db/client";
import { templateDir, templatePath } from "@/db/pglite-template";

const started = Date.now();
const pglite = new PGlite({ extensions: pgliteExtensions });
await pglite.waitReady;
const archive = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
await pglite.close();
const target = templatePath();
for (const old of readdirSync(templateDir)) {
  if (old.endsWith(".tar.gz") && path.join(templateDir, old) !== target) rmSync(path.join(templateDir, old));
}
writeFileSync(target, archive);
console.log(`${path.relative(process.cwd(), target)}: ${(archive.length / 1e6).toFixed(1)} MB in ${Date.now() - started} ms`);
