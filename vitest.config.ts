import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // After every test: no secret a test used may appear in any artifact a run left (test/global/secret-audit.ts).
    globalSetup: ['test/global/secret-audit.ts'],
    // End-to-end tests spawn the CLI and real servers; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
