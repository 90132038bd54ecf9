// The page is static files: `vite build` writes them to dist/, with the smoldot worker and its
// bytecode as separate assets. The bundled JSON-LD contexts are read from ../client/contexts.
import {defineConfig} from 'vite';

export default defineConfig({
  base: './',
  build: {target: 'es2022', chunkSizeWarningLimit: 8192},
  worker: {format: 'es'},
  server: {fs: {allow: ['..']}},
});
