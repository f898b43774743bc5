// Fault tests: a throwaway PostgreSQL cluster (and PgBouncer) restarted under load. Needs root, Debian's
// postgresql and pgbouncer packages; the page tests also need a production build (`npm run build`).
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  "server-only": `${import.meta.dirname}/tests/helpers/server-only.ts`,
};

export default defineConfig({
  resolve: { alias },
  test: {
    name: "faults",
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/faults/helpers/global-setup.ts"],
    // One cluster, restarted by the tests: files must not race each other.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
