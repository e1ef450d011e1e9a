import { defineConfig } from 'vitest/config'

// Unit tests are pure and fast; integration tests use real SQLite files, real HTTP to the
// DT simulator on 127.0.0.1 and child processes. Both run under plain Node (no Electron).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
