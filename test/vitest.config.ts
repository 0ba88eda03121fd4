import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // Engine tests start their own throwaway dockerd; give them room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers only make engine tests fight over them.
    maxWorkers: 2,
  },
});
