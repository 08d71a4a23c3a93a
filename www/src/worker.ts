// A simulation worker: owns one wasm instance (started from the compiled module the page
// posts), compiles the variants of the current job once (from the run's payload, which the
// page's thread validated) and runs one replication per message (the page keeps two in
// flight, so the worker never waits for the page's thread between them).
import { initSync, Replicator, warmUp, lastPanic, calibrateFiles } from '../build/pkg/kanalsim.js';
import type { FromWorker, ToWorker, Failure } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let job = -1;
let replicator: Replicator | null = null;

function post(m: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(m, transfer);
}

function failure(e: unknown): { error: Failure; fatal: boolean } {
  if (e && typeof e === 'object' && 'message' in e && 'issues' in e) {
    return { error: e as Failure, fatal: false };
  }
  const panic = lastPanic();
  const message = panic ? `engine error: ${panic}` : `engine error: ${String(e)}`;
  return { error: { message, issues: [] }, fatal: e instanceof WebAssembly.RuntimeError };
}

/** While the page's thread prepares the first job: the engine's warm-up (`warmUp` in
 *  src/wasm.rs: two thrown-away simulated weeks, all inside the engine). Only a head start: a
 *  failure here changes nothing the page shows. */
function warm(): void {
  try {
    warmUp();
  } catch {
    // nothing to report
  }
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.type) {
    case 'init':
      initSync({ module: m.module });
      post({ type: 'ready' });
      if (scope.name === 'kanalsim') warm(); // not in a calibration's worker
      break;
    case 'job': {
      replicator?.free();
      replicator = null;
      job = m.job;
      try {
        replicator = new Replicator(m.payload);
      } catch (e) {
        const f = failure(e);
        post({ type: 'error', job, variant: f.error.variant ?? 0, ...f });
      }
      break;
    }
    case 'calibrate': {
      try {
        post({ type: 'calibrated', result: calibrateFiles(m.names, m.contents, m.options) as unknown });
      } catch (e) {
        post({ type: 'calibrateFailed', error: failure(e).error });
      }
      break;
    }
    case 'rep': {
      if (m.job !== job) return;
      if (!replicator) return;
      try {
        // Packed into one Float64Array and transferred: no object per number, no copy.
        const out = replicator.run(m.variant, m.rep) as Float64Array<ArrayBuffer>;
        post({ type: 'out', job, variant: m.variant, rep: m.rep, out }, [out.buffer]);
      } catch (e) {
        post({ type: 'error', job, variant: m.variant, ...failure(e) });
      }
      break;
    }
  }
};
