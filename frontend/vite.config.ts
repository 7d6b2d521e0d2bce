import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const backend = process.env.ZHUXIANG_API ?? 'http://127.0.0.1:8080';
const proxied = ['/api', '/docs', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  build: {
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Typing into Ant Design inputs under jsdom takes seconds on a busy 2-core machine; the default
    // 5 s turned load into failures. A hung test still fails, after 30 s.
    testTimeout: 30_000,
  },
});
