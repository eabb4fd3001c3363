import path from "node:path";
import { defineConfig } from "vitest/config";

const pgUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const alias = { "@": path.resolve(import.meta.dirname) };
const common = {
  globalSetup: ["./lib/test/global-setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Each project runs the same integration suite against one real database engine. The
// `*.pg.test.ts` files need real concurrent connections and exist only for PostgreSQL.
export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          ...common,
          name: "pglite",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
          exclude: ["**/*.pg.test.ts", "node_modules/**"],
          env: { HANDOFF_TEST_DB: "pglite" },
        },
      },
      ...(pgUrl
        ? [
            {
              resolve: { alias },
              test: {
                ...common,
                name: "postgres",
                include: ["lib/**/*.test.ts", "db/**/*.test.ts"],
                exclude: ["node_modules/**"],
                env: { HANDOFF_TEST_DB: "postgres", TEST_DATABASE_URL: pgUrl },
              },
            },
          ]
        : []),
    ],
  },
});
