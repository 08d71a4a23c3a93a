// Unit tests of the page's pure modules: bundled with esbuild, run with node's test runner.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(www, 'build', 'test');
mkdirSync(out, { recursive: true });
const tests = readdirSync(join(www, 'test')).filter((f) => f.endsWith('.test.ts'));
await build({
  entryPoints: tests.map((f) => join(www, 'test', f)),
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Keep the wasm-bindgen glue external (loaded from www/build/pkg as is).
  plugins: [{
    name: 'glue-external',
    setup(b) {
      b.onResolve({ filter: /build\/pkg\/kanalsim\.js$/ }, () => ({ path: join(www, 'build', 'pkg', 'kanalsim.js'), external: true }));
    },
  }],
});
const r = spawnSync(process.execPath, ['--test', ...tests.map((f) => join(out, f.replace(/\.ts$/, '.mjs')))], { stdio: 'inherit' });
process.exit(r.status ?? 1);
