import { defineConfig } from 'vitest/config';

/**
 * Vitest defaults, with longer timeouts: many integration tests build a whole index in-process or spawn a server,
 * 1–3 s on a quiet machine, which the 5 s default fails under load (a CI runner, or several runs at once).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
