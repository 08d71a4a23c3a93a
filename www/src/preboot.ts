// The page file's first script, run by the HTML parser before it reaches the element's large
// script: it starts what takes longest before the first figures — compiling the engine (in the
// background) and starting the simulation workers (whose start needs turns of this thread, which
// the element's script and first layout would otherwise hold) — so both run while the rest of the
// page is parsed and built. The element adopts them (sim-client.ts); without this script (the
// script include, kanal-sim.js) the element starts them itself.
import { fromBase64, markOnce, PREBOOT_KEY, WASM_ELEMENT_ID, type Preboot } from './wasm-bytes';

(() => {
  const text = document.getElementById(WASM_ELEMENT_ID)?.textContent?.trim();
  if (!text || typeof WebAssembly !== 'object' || typeof Worker !== 'function') return;
  markOnce('preboot');
  let compiled: Promise<WebAssembly.Module>;
  try {
    compiled = WebAssembly.compile(fromBase64(text));
  } catch {
    return; // the element reports it when it compiles the module itself
  }
  const url = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
  const n = Math.max(1, Math.min(16, Math.floor(navigator.hardwareConcurrency || 2)));
  const failed = new Set<Worker>();
  const started: Promise<void>[] = [];
  const workers = Array.from({ length: n }, () => {
    const w = new Worker(url, { name: 'kanalsim' });
    started.push(new Promise<void>((resolve) => {
      w.addEventListener('message', () => resolve(), { once: true }); // its first: `ready`
      w.onerror = (e) => {
        e.preventDefault();
        failed.add(w);
        resolve();
      };
    }));
    return w;
  });
  compiled.then(
    (module) => {
      for (const w of workers) w.postMessage({ type: 'init', module });
    },
    () => undefined, // the element sees the same rejection and reports it
  );
  const boot: Preboot = { compiled, workers, workerUrl: url, ready: Promise.all(started).then(() => markOnce('workers-ready')), failed };
  (globalThis as Record<string, unknown>)[PREBOOT_KEY] = boot;
})();
