// A simulation worker: owns one wasm instance (started from the compiled module the page
// posts), compiles the variants of the current job and runs one replication per message.
import { initSync, Sim, lastPanic } from '../build/pkg/kanalsim.js';
import type { FromWorker, ToWorker, Failure } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let job = -1;
let sims: (Sim | null)[] = [];

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function failure(e: unknown): { error: Failure; fatal: boolean } {
  if (e && typeof e === 'object' && 'message' in e && 'issues' in e) {
    return { error: e as Failure, fatal: false };
  }
  const panic = lastPanic();
  const message = panic ? `engine error: ${panic}` : `engine error: ${String(e)}`;
  return { error: { message, issues: [] }, fatal: e instanceof WebAssembly.RuntimeError };
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  switch (m.type) {
    case 'init':
      initSync({ module: m.module });
      post({ type: 'ready' });
      break;
    case 'job': {
      for (const s of sims) s?.free();
      job = m.job;
      const base = m.variants[0];
      sims = m.variants.map((v, i) => {
        try {
          return new Sim(v, i === 0 ? undefined : base);
        } catch (e) {
          post({ type: 'error', job, variant: i, ...failure(e) });
          return null;
        }
      });
      break;
    }
    case 'rep': {
      if (m.job !== job) return;
      const sim = sims[m.variant];
      if (!sim) return;
      try {
        post({ type: 'out', job, variant: m.variant, rep: m.rep, out: sim.run(m.rep) });
      } catch (e) {
        post({ type: 'error', job, variant: m.variant, ...failure(e) });
      }
      break;
    }
  }
};
