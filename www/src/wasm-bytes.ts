// The engine's bytes from base64 (the page file carries them as text in an inert element, the
// script include as a string): natively where the browser can (Chromium 140+, Firefox 133+,
// Safari 18.2+), else through atob.
export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const U8 = Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> };
  if (typeof U8.fromBase64 === 'function') return U8.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The id of the page file's element that holds the engine as base64 text. */
export const WASM_ELEMENT_ID = 'kanalsim-wasm';

/** What the page file's first script started (see preboot.ts), for the element to adopt. */
export interface Preboot {
  compiled: Promise<WebAssembly.Module>;
  /** Simulation workers already started; `init` is posted to each once the module compiled. */
  workers: Worker[];
  /** The Blob URL the workers were started from (the element starts any more from it). */
  workerUrl: string;
  /** Settles once every worker has answered its `init` (or failed). */
  ready: Promise<void>;
  /** Workers that reported an error before the element adopted them. */
  failed: Set<Worker>;
}

export const PREBOOT_KEY = '__kanalsimPreboot';

const marked = new Set<string>();

/** A named moment of the page's start (User Timing, `kanalsim:` marks, read by the browser
 *  benchmark); each is marked once per page. Called for every output and update, so a repeat
 *  costs one set lookup, not a search of the performance timeline. */
export function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`kanalsim:${name}`);
}
