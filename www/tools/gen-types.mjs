// Generates www/src/generated/schema.json (from the Rust types, via `cargo run --example
// schema --features schema`) and www/src/generated/types.ts (from the schema).
//   node tools/gen-types.mjs          write both
//   node tools/gen-types.mjs --check  fail if either differs from what is committed (drift)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const www = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(www, '..');
const out = join(www, 'src', 'generated');
const check = process.argv.includes('--check');

const schemaText =
  execFileSync('cargo', ['run', '-q', '--example', 'schema', '--features', 'schema'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trimEnd() + '\n';

// A `$ref` with a sibling description makes the generator emit a numbered copy of the type
// (Results1, Range2, …); keep only the reference so each type is emitted once.
function refsOnly(v) {
  if (Array.isArray(v)) return v.map(refsOnly);
  if (v && typeof v === 'object') {
    if (typeof v.$ref === 'string') return { $ref: v.$ref };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, refsOnly(x)]));
  }
  return v;
}

const ts = await compile(refsOnly(JSON.parse(schemaText)), 'KanalsimTypes', {
  bannerComment:
    '/* Generated from the Rust types (src/scenario.rs, src/report.rs, …) by www/tools/gen-types.mjs.\n' +
    ' * Do not edit: run `npm run gen` in www/ after changing them. */',
  additionalProperties: false,
  strictIndexSignatures: true,
  format: true,
});

let drift = false;
for (const [name, text] of [
  ['schema.json', schemaText],
  ['types.ts', ts],
]) {
  const p = join(out, name);
  const old = existsSync(p) ? readFileSync(p, 'utf8') : '';
  if (check) {
    if (old !== text) {
      console.error(`drift: www/src/generated/${name} differs from the Rust types; run \`npm run gen\` in www/`);
      drift = true;
    }
  } else if (old !== text) {
    writeFileSync(p, text);
    console.log(`wrote www/src/generated/${name}`);
  }
}
if (drift) process.exit(1);
if (check) console.log('generated types are up to date');
