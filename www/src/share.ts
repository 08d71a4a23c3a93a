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
