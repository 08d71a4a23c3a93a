// Share links: the saved state as JSON, deflate-raw compressed, base64url, in the fragment
// `#s=…`. Decoding is defensive: size limits, and every failure is a Problem, never a throw.
import type { Problem } from './state';

export const FRAGMENT_KEY = 's';
/** Longest fragment payload read (characters) and largest decompressed JSON (bytes). */
export const MAX_FRAGMENT = 200_000;
export const MAX_JSON = 4_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array<ArrayBuffer>, t: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(t);
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export async function encodeShare(value: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const z = await pipe(json, new CompressionStream('deflate-raw'), Infinity);
  return toBase64Url(z);
}

/** The payload of `#s=…` (also accepted among other `&`-separated fragment parameters). */
export function fragmentPayload(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) {
    if (part.startsWith(`${FRAGMENT_KEY}=`)) return part.slice(FRAGMENT_KEY.length + 1);
  }
  return null;
}

export async function decodeShare(payload: string): Promise<{ value?: unknown; problem?: Problem }> {
  const p = (en: string, da: string): { problem: Problem } => ({ problem: { path: '#s', en, da } });
  if (payload.length > MAX_FRAGMENT) return p(`the link is too long (${payload.length} characters)`, `linket er for langt (${payload.length} tegn)`);
  const bytes = fromBase64Url(payload);
  if (!bytes || bytes.length === 0) return p('the link is not valid base64url', 'linket er ikke gyldig base64url');
  let json: Uint8Array<ArrayBuffer>;
  try {
    json = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_JSON);
  } catch (e) {
    if (e instanceof RangeError) return p('the link unpacks to too much data', 'linket pakker ud til for mange data');
    return p('the link is damaged (it cannot be unpacked)', 'linket er beskadiget (det kan ikke pakkes ud)');
  }
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) };
  } catch {
    return p('the link does not contain valid JSON', 'linket indeholder ikke gyldig JSON');
  }
}

// ---- compact links: what differs from a preset --------------------------------------------
//
// A link carries the preset each variant was made from (its id and a hash of the preset as
// this page has it) and only what differs from it, so the untouched default is a few dozen
// characters. A variant that is no preset is encoded against the baseline; a baseline that is
// no preset is encoded whole. The payload is `<length in base 36>.<data>`, so a link cut short
// (by a mail program) is recognised as incomplete rather than as damaged.

export const LINK_KEY = 'k';
const LINK_VERSION = 2;

/** A patch: a primitive (the new value), `{"=": value}` (an object or array replaced whole),
 *  `{"#": {index: patch}}` (an array of the same length, changed at some indices), or an
 *  object of key → patch, where `null` removes the key. */
export type Patch = null | boolean | number | string | { [k: string]: Patch | unknown };

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

/** What turns `a` into `b` (undefined: nothing). */
export function diff(a: unknown, b: unknown): Patch | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    const out: Record<string, Patch> = {};
    b.forEach((v, i) => {
      const d = diff(a[i], v);
      if (d !== undefined) out[String(i)] = d;
    });
    const whole = { '=': b };
    return JSON.stringify({ '#': out }).length < JSON.stringify(whole).length ? { '#': out } : whole;
  }
  if (isObj(a) && isObj(b)) {
    const out: Record<string, Patch> = {};
    for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
    for (const [k, v] of Object.entries(b)) {
      const d = diff(a[k], v);
      if (d !== undefined) out[k] = d;
    }
    return out;
  }
  return b !== null && typeof b === 'object' ? { '=': b } : (b as Patch);
}

/** `a` with the patch applied (a copy; `a` is untouched). Throws on a malformed patch. */
export function applyPatch(a: unknown, p: unknown): unknown {
  if (p === null || typeof p !== 'object') return p;
  if (Array.isArray(p)) throw new TypeError('array patch');
  const o = p as Record<string, unknown>;
  if ('=' in o) return JSON.parse(JSON.stringify(o['=']));
  if ('#' in o) {
    if (!Array.isArray(a) || !isObj(o['#'])) throw new TypeError('index patch on a non-array');
    const out = a.slice();
    for (const [k, v] of Object.entries(o['#'] as Record<string, unknown>)) {
      const i = Number(k);
      if (!Number.isInteger(i) || i < 0 || i >= out.length) throw new TypeError(`index ${k} out of range`);
      out[i] = applyPatch(out[i], v);
    }
    return out;
  }
  const base: Record<string, unknown> = isObj(a) ? { ...a } : {};
  for (const [k, v] of Object.entries(o)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') throw new TypeError('bad key');
    if (v === null) delete base[k];
    else base[k] = applyPatch(base[k], v);
  }
  return base;
}

/** A short hash of a preset as this page has it (FNV-1a, 32 bits, base 36). */
export function presetHash(p: unknown): string {
  const s = JSON.stringify(p);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

interface Ref {
  /** The preset's id and hash, when the variant is that preset (edited or not). */
  p?: string;
  h?: string;
  /** The changes against the preset (or, without `p`, against the baseline). */
  d?: Patch;
  /** The whole scenario (a baseline that is no preset). */
  w?: unknown;
}

export interface Compact {
  v: number;
  l?: string;
  sel?: number;
  /** Run until stable with this relative tolerance (absent: a fixed count). */
  pr?: number;
  b: Ref;
  s: Ref[];
}

interface StateLike {
  lang: string;
  baseline: { id?: string } & Record<string, unknown>;
  scenarios: ({ id?: string } & Record<string, unknown>)[];
  selected: number;
  precision?: number;
}

/** A preset as it stands beside a baseline: run with the baseline's seed and replications. */
function aligned(p: Record<string, unknown>, base: Record<string, unknown> | null): Record<string, unknown> {
  return base ? { ...p, simulation: base.simulation, horizonWeeks: p.horizonWeeks || base.horizonWeeks } : p;
}

export function compactState(st: StateLike, presets: ({ id?: string } & Record<string, unknown>)[]): Compact {
  const ref = (s: Record<string, unknown> & { id?: string }, base: Record<string, unknown> | null): Ref => {
    const p = presets.find((x) => x.id === s.id);
    if (p) {
      const d = diff(aligned(p, base), s);
      return d === undefined ? { p: p.id, h: presetHash(p) } : { p: p.id, h: presetHash(p), d };
    }
    if (base) {
      const d = diff(base, s);
      return d === undefined ? {} : { d };
    }
    return { w: s };
  };
  const c: Compact = { v: LINK_VERSION, b: ref(st.baseline, null), s: st.scenarios.map((s) => ref(s, st.baseline)) };
  if (st.lang !== 'da') c.l = st.lang;
  if (st.selected !== (st.scenarios.length ? 1 : 0)) c.sel = st.selected;
  if (st.precision !== undefined) c.pr = st.precision;
  return c;
}

/** The state a compact link describes, or its problems; `warnings` name presets that have
 *  changed since the link was made. */
export function expandState(x: unknown, presets: ({ id?: string; title?: string; titleEn?: string } & Record<string, unknown>)[]): { value?: StateLike & { v: number }; problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const bad = (path: string, en: string, da: string) => ({ problems: [...problems, { path, en, da }], warnings });
  if (!isObj(x) || x.v !== LINK_VERSION || !isObj(x.b) || !Array.isArray(x.s)) return bad('#k', 'the link has an unknown format', 'linket har et ukendt format');
  const c = x as unknown as Compact;
  if (c.s.length > 8) return bad('#k', 'the link has too many scenarios', 'linket har for mange scenarier');
  const resolve = (r: unknown, base: Record<string, unknown> | null, path: string): Record<string, unknown> | null => {
    if (!isObj(r)) {
      problems.push({ path, en: 'not a scenario reference', da: 'ikke en henvisning til et scenarie' });
      return null;
    }
    const ref = r as Ref;
    let start: unknown;
    if (typeof ref.p === 'string') {
      const p = presets.find((q) => q.id === ref.p);
      if (!p) {
        problems.push({ path, en: `the link uses the preset "${ref.p.slice(0, 60)}", which this version of Kanalsim does not have`, da: `linket bygger på forvalget "${ref.p.slice(0, 60)}", som denne version af Kanalsim ikke har` });
        return null;
      }
      if (ref.h !== presetHash(p)) {
        warnings.push({ path, en: `the preset "${p.titleEn || p.title}" has changed since the link was made: the numbers may differ from the sender's`, da: `forvalget "${p.title}" er ændret, siden linket blev lavet: tallene kan afvige fra afsenderens` });
      }
      start = aligned(p, base);
    } else if ('w' in ref) {
      if (base) {
        problems.push({ path, en: 'a whole scenario where a change was expected', da: 'et helt scenarie, hvor der ventedes en ændring' });
        return null;
      }
      start = ref.w;
    } else if (base) start = base;
    else {
      problems.push({ path, en: 'the baseline is missing', da: 'basis mangler' });
      return null;
    }
    try {
      const out = ref.d === undefined ? JSON.parse(JSON.stringify(start)) : applyPatch(start, ref.d);
      if (!isObj(out)) throw new TypeError('not an object');
      return out;
    } catch (e) {
      problems.push({ path, en: `the changes in the link do not fit (${String((e as Error).message ?? e).slice(0, 80)})`, da: `ændringerne i linket passer ikke (${String((e as Error).message ?? e).slice(0, 80)})` });
      return null;
    }
  };
  const baseline = resolve(c.b, null, 'baseline');
  const scenarios = baseline ? c.s.map((r, i) => resolve(r, baseline, `scenarios[${i}]`)) : [];
  if (!baseline || problems.length) return { problems, warnings };
  const n = scenarios.length;
  const sel = typeof c.sel === 'number' && Number.isInteger(c.sel) ? Math.max(0, Math.min(n, c.sel)) : n ? 1 : 0;
  const value: StateLike & { v: number } = { v: 1, lang: c.l === 'en' ? 'en' : 'da', baseline, scenarios: scenarios as Record<string, unknown>[], selected: sel };
  // Checked with the rest of the state (checkStateShape names a bad one).
  if (c.pr !== undefined) value.precision = c.pr;
  return { value, problems, warnings };
}

/** `<length>.<data>` for the fragment `#k=…`. */
export async function encodeLink(c: Compact): Promise<string> {
  const data = await encodeShare(c);
  return `${data.length.toString(36)}.${data}`;
}

/** The compact payload's data, or why it cannot be read (incomplete: cut short). */
export function linkData(payload: string): { data?: string; problem?: Problem } {
  const m = /^([0-9a-z]{1,6})\.([A-Za-z0-9_-]*)$/.exec(payload);
  if (!m) {
    const cut = /^([0-9a-z]{1,6})(\.[A-Za-z0-9_-]*)?$/.test(payload) || payload === '';
    return cut
      ? { problem: { path: '#k', en: 'the link is incomplete: it has been cut short (for instance by a mail program). Ask for the link again, or for a file ("Save as file").', da: 'linket er ufuldstændigt: det er blevet afkortet (fx af et mailprogram). Bed om linket igen eller om en fil ("Gem som fil").' } }
      : { problem: { path: '#k', en: 'the link is damaged (it contains characters a link of Kanalsim never has)', da: 'linket er beskadiget (det indeholder tegn, som et Kanalsim-link aldrig har)' } };
  }
  const want = parseInt(m[1]!, 36);
  const data = m[2]!;
  if (data.length < want) {
    return { problem: { path: '#k', en: `the link is incomplete: it has been cut short (${data.length} of ${want} characters), for instance by a mail program. Ask for the link again, or for a file ("Save as file").`, da: `linket er ufuldstændigt: det er blevet afkortet (${data.length} af ${want} tegn), fx af et mailprogram. Bed om linket igen eller om en fil ("Gem som fil").` } };
  }
  if (data.length > want) return { problem: { path: '#k', en: 'the link is damaged (it is longer than it says)', da: 'linket er beskadiget (det er længere, end det selv angiver)' } };
  return { data };
}

/** The value of `key=` among the `&`-separated parts of a fragment (raw, not decoded). */
export function fragmentParam(hash: string, key: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of h.split('&')) {
    if (part.startsWith(`${key}=`)) return part.slice(key.length + 1);
  }
  return null;
}
