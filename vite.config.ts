import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The staff SPA lives in `web/`; the Fastify server serves `dist/web` in production. In development
 * `npm run dev:web` proxies `/api` to the server on port 3000 so cookies stay same-origin.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Strict CSP (script-src 'self'): never inline small assets as data: scripts.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
