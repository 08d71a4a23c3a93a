// Bundles the page: optimises the wasm (wasm-opt -O3 from the npm binaryen package), bundles
// the worker (IIFE) as text, bundles the <kanal-sim> element with the wasm as base64, and
// inlines script and style into one HTML file with a Content-Security-Policy that allows
// only what the page needs (script and style by hash, wasm compilation, blob: workers).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const www = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(www, '..');
const pkg = join(www, 'build', 'pkg');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// 1. wasm-opt -O3 (Debian's binaryen 108 breaks the module; the npm build is used).
const rawWasm = join(pkg, 'kanalsim_bg.wasm');
const optWasm = join(www, 'build', 'kanalsim.opt.wasm');
execFileSync(join(www, 'node_modules', '.bin', 'wasm-opt'), [rawWasm, '-O3', '-o', optWasm], { stdio: 'inherit' });
const wasm = readFileSync(optWasm);
console.log(`wasm: ${statSync(rawWasm).size} B → ${wasm.length} B after wasm-opt -O3`);

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
  // The wasm-bindgen glue's default loader (never used: the module is passed in) names
  // import.meta.url; there is no file to fetch.
  define: { 'import.meta.url': '""' },
};

// 2. The worker, as text.
const worker = await build({ ...common, entryPoints: [join(www, 'src', 'worker.ts')] });
const workerJs = worker.outputFiles[0].text;

// 3. The element (and the page boot), with the wasm, the worker and its stylesheet injected
//    (the element puts the stylesheet into its shadow root; the page's CSP allows it by hash).
const css = readFileSync(join(www, 'src', 'style.css'), 'utf8');
const engineVersion = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: root, encoding: 'utf8' })).packages.find((p) => p.name === 'kanalsim').version;
const wasmB64 = wasm.toString('base64');
/** The element's bundle; `embedded`: the wasm inside the script (the include) or, for the page
 *  file, null: the page carries it as text in an inert element the script reads once. */
const bundle = async (embedded) => (await build({
  ...common,
  entryPoints: [join(www, 'src', 'main.ts')],
  define: {
    ...common.define,
    __WASM_BASE64__: embedded ? JSON.stringify(wasmB64) : 'null',
    __WORKER_SOURCE__: JSON.stringify(workerJs),
    __PAGE_VERSION__: JSON.stringify(engineVersion),
    __KS_CSS__: JSON.stringify(css),
    // The public address share links point to when the page runs from a file (may be empty;
    // the page can also be told it, and keeps that in the browser).
    __PUBLIC_URL__: JSON.stringify(process.env.KANALSIM_PUBLIC_URL ?? ''),
  },
})).outputFiles[0].text;

// The script include for host pages: the element carries its stylesheet in its shadow root,
// so nothing is added to the host page's styles.
const include = `/* Kanalsim ${engineVersion}: <kanal-sim> custom element */\n` + (await bundle(true));
writeFileSync(join(dist, 'kanal-sim.js'), include);

// 4. One HTML file.
const escapeScript = (s) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const js = escapeScript(await bundle(false));
// The page file's first script (preboot.ts): compiles the engine and starts the workers while
// the rest of the page is parsed.
const pre = escapeScript((await build({ ...common, entryPoints: [join(www, 'src', 'preboot.ts')], define: { ...common.define, __WORKER_SOURCE__: JSON.stringify(workerJs) } })).outputFiles[0].text);
const sha = (s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(pre)} ${sha(js)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${sha(css)}`,
  // ECharts sets style attributes on its elements; attributes cannot run script.
  "style-src-attr 'unsafe-inline'",
  // Chart PNG export draws the chart's SVG (a data: URL) onto a canvas.
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
let html = readFileSync(join(www, 'index.html'), 'utf8');
const put = (marker, text) => {
  if (!html.includes(marker)) throw new Error(`index.html lacks ${marker}`);
  html = html.replace(marker, () => text); // function replacer: `$&` in minified code stays
};
put('%CSP%', csp.replace(/"/g, '&quot;'));
put('/*%CSS%*/', css);
// The engine as base64 text in an element the HTML parser passes over (no script parses it).
put('%WASM%', wasmB64);
put('/*%PREBOOT%*/', pre);
put('/*%JS%*/', js);
put('%VERSION%', engineVersion);
const out = join(dist, 'kanalsim.html');
writeFileSync(out, html);
const size = Buffer.byteLength(html);
console.log(`dist/kanalsim.html: ${(size / 1024).toFixed(0)} KiB (${size} B; ${(gzipSync(html).length / 1024).toFixed(0)} KiB gzipped); worker ${(workerJs.length / 1024).toFixed(0)} KiB, wasm ${(wasm.length / 1024).toFixed(0)} KiB`);
console.log(`dist/kanal-sim.js: ${(Buffer.byteLength(include) / 1024).toFixed(0)} KiB`);
