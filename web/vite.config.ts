/**
 * Builds the console into web/dist, which `hrsync serve` serves at `/`. Run from the repository
 * root: `vite build --config web/vite.config.ts`. The console imports the API contracts and the
 * expression function catalogue straight from ../src, so the root must be allowed to reach them.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Fluent UI and the contracts make one sizeable chunk; that is fine for an admin console.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    fs: { allow: [new URL('..', import.meta.url).pathname] },
    // `vite --config web/vite.config.ts` during development, with `hrsync serve` (port 8080) beside it.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
