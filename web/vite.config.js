// Tingwu's hall faces: five pages served by Tingwu itself under /hall/ (see core/app.py).
// The build is committed (web/dist) so that a hall server needs no Node; `npm run build` remakes it.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const pages = ['index', 'calling', 'window', 'rating', 'kiosk', 'dashboard'];

export default defineConfig({
  base: '/hall/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(import.meta.dirname, `${p}.html`)])),
    },
  },
});
