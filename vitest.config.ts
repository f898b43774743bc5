import os from "node:os";
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  "server-only": `${import.meta.dirname}/tests/helpers/server-only.ts`,
};
// With TEST_DATABASE_URL the database tests run against that PostgreSQL server, one file at a time.
const realPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: { alias },
  test: {
    // Every core: vitest's default leaves one to its main process, which mostly waits (a single worker on 2 cores).
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/lib/**/*.test.ts"],
          environment: "node",
          // Pure functions: the files share a worker and its loaded modules instead of each importing them again.
          pool: "threads",
          isolate: false,
          // Property tests and the zxcvbn dictionaries can pass vitest's 5 s default on a loaded machine.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          environment: "node",
          // Each file still gets fresh modules and its own database; a worker thread costs a third less CPU than a
          // forked process to start and load them.
          pool: "threads",
          globalSetup: ["tests/helpers/db-global-setup.ts"],
          setupFiles: ["tests/helpers/db-setup.ts"],
          fileParallelism: !realPostgres,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
