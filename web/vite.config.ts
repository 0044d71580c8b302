/**
 * Builds the console into web/dist, which `hrsync serve` serves at `/`. Run from the repository
 * root: `vite build --config web/vite.config.ts`. The console imports the API contracts and the
 * expression function catalogue straight from ../src, so the root must be allowed to reach them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = new URL('.', import.meta.url).pathname;

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, once, at the
 * highest levels; the service picks one by the browser's Accept-Encoding instead of compressing per
 * request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'hrsync-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        );
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), precompress()],
  resolve: {
    // The server-side pattern bounds (src/expr/text/bounded-regex.ts) load in the browser too.
    alias: {
      'node:v8': new URL('src/shims/node-v8-vm.ts', import.meta.url).pathname,
      'node:vm': new URL('src/shims/node-v8-vm.ts', import.meta.url).pathname,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages are loaded on demand (React.lazy); the entry holds React and the Fluent UI core.
    chunkSizeWarningLimit: 600,
  },
  server: {
    fs: { allow: [new URL('..', import.meta.url).pathname] },
    // `vite --config web/vite.config.ts` during development, with `hrsync serve` (port 8080) beside it.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
