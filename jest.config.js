/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // tsconfig has isolatedModules: ts-jest transpiles each file alone (fast); `npm run typecheck` checks types.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // type-graphql and TypeORM read decorator metadata: load the polyfill before any test module.
  setupFiles: ["reflect-metadata"],
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
  // Each test file gets its own database; two workers fit this 2-core machine.
  maxWorkers: 2,
};
