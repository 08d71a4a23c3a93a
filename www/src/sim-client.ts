// The simulation client: the only code that knows WebAssembly exists. It compiles the
// embedded module once, runs replications in Web Workers (started from a Blob URL, each
// given the compiled module), and folds their outputs by replication index, so the numbers
// are the same whatever the number of workers. Outputs cross from the workers packed into one
// transferred Float64Array each (`RepOutput::pack`), and each worker has two replications in
// flight, so it never idles while this thread folds or draws. Outputs are cached by scenario,
// so a lever change re-runs only the variants it changed.
import { initSync, Run, presets, metrics, appointmentMetrics, validate, version, withCounterMode, inspectFiles } from '../build/pkg/kanalsim.js';
import type { Comparison, CounterMode, Issue, MetricDef, Results, Scenario } from './generated/types';
import type { CalibrateOptions, Failure, FromWorker, ToWorker } from './protocol';
import { deferredWork } from './busy';
import { fromBase64, markOnce, PREBOOT_KEY, WASM_ELEMENT_ID, type Preboot } from './wasm-bytes';

export interface RunUpdate {
  job: number;
  /** Replications done over all variants, and needed. */
  done: number;
  total: number;
  /** Results per variant (baseline first); null until its first replication. */
  results: (Results | null)[];
  /** Scenario i (1-based variant) against the baseline; index 0 is always null. */
  comparisons: (Comparison | null)[];
  final: boolean;
  cancelled: boolean;
  /** Run until stable: the relative tolerance asked for (absent: a fixed count). */
  precision?: number;
  /** The replications after which the precision rule held (a run until stable), once it did. */
  stable?: number;
  error?: { variant: number; failure: Failure };
}

let modulePromise: Promise<WebAssembly.Module> | null = null;

/** The page file carries the module as base64 text in an inert element (the HTML parser
 *  passes over it; no script parser scans 1.6 MB); the script include carries it as a string. */
function wasmBytes(): Uint8Array<ArrayBuffer> {
  const b64 = __WASM_BASE64__ ?? document.getElementById(WASM_ELEMENT_ID)?.textContent?.trim() ?? '';
  if (!b64) throw new Error(`the page lacks its engine (#${WASM_ELEMENT_ID})`);
  return fromBase64(b64);
}

/** What the page file's first script started (preboot.ts), taken by the first client only. */
function takePreboot(): Preboot | null {
  const g = globalThis as Record<string, unknown>;
  const boot = (g[PREBOOT_KEY] as Preboot | undefined) ?? null;
  delete g[PREBOOT_KEY];
  return boot;
}

/** Compile the embedded module once per page and start it on this thread (for aggregation). */
function compiled(boot: Preboot | null): Promise<WebAssembly.Module> {
  if (!modulePromise) {
    modulePromise = (boot?.compiled ?? WebAssembly.compile(wasmBytes())).then((m) => {
      initSync({ module: m });
      return m;
    });
  }
  return modulePromise;
}

interface WorkerSlot {
  w: Worker;
  /** Replications posted to it and not yet answered (at most `IN_FLIGHT`). */
  inFlight: number;
}

/** Replications posted to a worker ahead: the next waits in its queue while it runs one. */
const IN_FLIGHT = 2;

/** What the workers did, for tests: spawned and terminated (busy when a run was cancelled). */
export interface WorkerStats {
  spawned: number;
  terminated: number;
}

interface Job {
  id: number;
  variants: Scenario[];
  keys: string[];
  /** The run's models and aggregators (each variant parsed, validated and compiled once). */
  run: Run | null;
  queue: { variant: number; rep: number }[];
  reps: number;
  precision?: number;
  done: number;
  total: number;
  onUpdate: (u: RunUpdate) => void;
  timer: ReturnType<typeof setTimeout> | null;
  lastEmit: number;
  /** Milliseconds the last update took to compute and show. */
  cost: number;
  /** `deferredWork.ms` when the last update was shown. */
  deferredAt: number;
  finished: boolean;
}

const EMIT_EVERY_MS = 400;
const CACHE_KEYS = 12;

export class SimClient {
  readonly version: string;
  readonly presets: Scenario[];
  readonly metrics: MetricDef[];
  /** The metrics of the counter by appointment (in a run's results only when it uses one). */
  readonly appointmentMetrics: MetricDef[];
  /** Every metric a result can hold: `metrics`, then `appointmentMetrics`. */
  readonly allMetrics: MetricDef[];
  private slots: WorkerSlot[] = [];
  private module: WebAssembly.Module;
  private workerUrl: string;
  private job: Job | null = null;
  private nextId = 1;
  private cache = new Map<string, Map<number, Float64Array>>();
  readonly stats: WorkerStats = { spawned: 0, terminated: 0 };

  private constructor(module: WebAssembly.Module, workers: number, boot: Preboot | null) {
    this.module = module;
    this.version = version();
    this.presets = presets() as Scenario[];
    this.metrics = metrics() as MetricDef[];
    this.appointmentMetrics = appointmentMetrics() as MetricDef[];
    this.allMetrics = [...this.metrics, ...this.appointmentMetrics];
    this.workerUrl = boot?.workerUrl ?? URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: 'text/javascript' }));
    // Workers the page's first script started are taken over (those beyond the count asked
    // for, or that failed to start, are ended); any more are started here.
    const early = boot?.workers ?? [];
    for (const [i, w] of early.entries()) {
      if (i < workers && !boot?.failed.has(w)) this.slots.push(this.adopt(w));
      else w.terminate();
    }
    while (this.slots.length < workers) this.slots.push(this.spawn());
  }

  /** `workers` defaults to the number of logical processors (at most 16). */
  static async create(workers?: number): Promise<SimClient> {
    const boot = takePreboot();
    // Started early, the workers still need turns of this thread to come up: leave it idle until
    // they have (at most a quarter of a second), rather than start the long boot over them.
    if (boot) await Promise.race([boot.ready, new Promise((resolve) => setTimeout(resolve, 250))]);
    const m = await compiled(boot);
    markOnce('compiled');
    const n = Math.max(1, Math.min(16, Math.floor(workers ?? (navigator.hardwareConcurrency || 2))));
    return new SimClient(m, n, boot);
  }

  get workerCount(): number {
    return this.slots.length;
  }

  validate(s: unknown): Issue[] {
    try {
      return validate(s) as Issue[];
    } catch (e) {
      const f = e as Partial<Failure>;
      return f.issues?.length ? f.issues : [{ path: '', en: String(f.message ?? e), da: String(f.message ?? e) }];
    }
  }

  /** The scenario with its counter switched to `mode`, keeping its staff hours (the engine's
   *  rule); the problems if it cannot be read. */
  withCounterMode(s: Scenario, mode: CounterMode): { scenario?: Scenario; issues: Issue[] } {
    try {
      return { scenario: withCounterMode(s, mode) as Scenario, issues: [] };
    } catch (e) {
      const f = e as Partial<Failure>;
      return { issues: f.issues?.length ? f.issues : [{ path: '', en: String(f.message ?? e), da: String(f.message ?? e) }] };
    }
  }

  /**
   * What each file holds before calibrating it (the engine's `inspectFiles`: kind, header
   * names, units and Type codes with their rows), on this thread: it only reads the files.
   */
  inspect(files: { name: string; bytes: Uint8Array }[]): unknown {
    return inspectFiles(files.map((f) => f.name), files.map((f) => f.bytes));
  }

  /**
   * Calibrate a municipality from its files (the engine's `calibrateFiles`) in a worker of its
   * own, so the page stays responsive and a run in flight goes on; the worker is ended when it
   * answers, or when `signal` aborts. Rejects with the engine's `Failure` (file, row, column).
   */
  calibrate(files: { name: string; bytes: Uint8Array }[], options: CalibrateOptions, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const w = new Worker(this.workerUrl, { name: 'kanalsim-calibrate' });
      const end = () => {
        w.terminate();
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        end();
        reject({ message: 'cancelled', issues: [], kind: 'cancelled' } satisfies Failure);
      };
      signal?.addEventListener('abort', onAbort);
      w.onmessage = (ev: MessageEvent<FromWorker>) => {
        const m = ev.data;
        if (m.type === 'calibrated') {
          end();
          resolve(m.result);
        } else if (m.type === 'calibrateFailed') {
          end();
          reject(m.error);
        }
      };
      w.onerror = (ev) => {
        ev.preventDefault();
        end();
        reject({ message: `worker error: ${ev.message}`, issues: [] } satisfies Failure);
      };
      w.postMessage({ type: 'init', module: this.module } satisfies ToWorker);
      const contents = files.map((f) => f.bytes);
      w.postMessage({ type: 'calibrate', names: files.map((f) => f.name), contents, options } satisfies ToWorker, contents.map((c) => c.buffer as ArrayBuffer));
    });
  }

  private spawn(): WorkerSlot {
    const w = new Worker(this.workerUrl, { name: 'kanalsim' });
    const slot = this.adopt(w);
    w.postMessage({ type: 'init', module: this.module } satisfies ToWorker);
    return slot;
  }

  /** Take charge of a started worker (its `init` posted, or to be posted by its starter). */
  private adopt(w: Worker): WorkerSlot {
    const slot: WorkerSlot = { w, inFlight: 0 };
    this.stats.spawned++;
    w.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(slot, ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      this.replace(slot);
      this.fail(0, { message: `worker error: ${ev.message}`, issues: [] });
    };
    return slot;
  }

  private replace(slot: WorkerSlot): void {
    slot.w.terminate();
    this.stats.terminated++;
    const i = this.slots.indexOf(slot);
    const fresh = this.spawn();
    if (i >= 0) this.slots[i] = fresh;
    if (this.job && !this.job.finished) {
      this.sendJob(fresh, this.job);
      this.dispatch(fresh);
    }
  }

  private sendJob(slot: WorkerSlot, job: Job): void {
    if (!job.run) return;
    slot.w.postMessage({ type: 'job', job: job.id, payload: job.run.payload } satisfies ToWorker);
  }

  /**
   * Run every variant (baseline first, then up to three scenarios run with the baseline's
   * seed and replications). Cancels any run in flight. `onUpdate` streams partial results.
   */
  run(variants: Scenario[], onUpdate: (u: RunUpdate) => void, precision?: number): number {
    this.cancel();
    const base = variants[0];
    if (!base) throw new Error('no baseline');
    const id = this.nextId++;
    const reps = base.simulation.replications;
    const keys = variants.map((v) => JSON.stringify(i0(v, base)));
    const job: Job = { id, variants, keys, run: null, queue: [], reps, precision, done: 0, total: reps * variants.length, onUpdate, timer: null, lastEmit: 0, cost: 0, deferredAt: deferredWork.ms, finished: false };
    this.job = job;
    let run: Run;
    try {
      run = new Run(variants, precision);
    } catch (e) {
      const f = e as Failure;
      this.fail(f.variant ?? 0, f.issues ? f : { message: String(e), issues: [] });
      return id;
    }
    job.run = run;
    for (let r = 0; r < reps; r++) {
      for (let v = 0; v < variants.length; v++) {
        const hit = this.cache.get(keys[v] ?? '')?.get(r);
        if (hit) {
          run.add(v, hit);
          job.done++;
        } else job.queue.push({ variant: v, rep: r });
      }
    }
    for (const s of this.slots) this.sendJob(s, job);
    if (job.queue.length === 0 || this.stableNow(job)) this.finish(job, false);
    else {
      // One replication to each worker in turn, so the first pair (baseline and scenario of
      // replication 0) runs on two workers at once. A worker still starting gets them too: its
      // messages wait in order behind its `init` and `job`, so none waits for this thread.
      for (let k = 0; k < IN_FLIGHT; k++) for (const s of this.slots) this.dispatch(s, 1);
      markOnce('posted');
      if (job.done > 0) this.emit(job, false, false);
    }
    return id;
  }

  /** Stop the run in flight; its results so far are kept (and announced as cancelled). */
  cancel(): void {
    const job = this.job;
    if (!job || job.finished) return;
    job.queue.length = 0;
    this.finish(job, true);
  }

  /** End the replications in flight of a finished job: a busy worker is terminated (a long
   *  replication would otherwise keep it from the next run) and a fresh one started from the
   *  compiled module, so the next run finds it ready. */
  private stopWorkers(): void {
    for (const s of [...this.slots]) if (s.inFlight > 0) this.replace(s);
  }

  /** A run until stable whose rule holds: no more replications are needed. */
  private stableNow(job: Job): boolean {
    return job.precision !== undefined && !!job.run && job.run.stable() !== undefined;
  }

  get running(): boolean {
    return !!this.job && !this.job.finished;
  }

  /** Give a worker replications of the current job until it has `IN_FLIGHT` (at most `n`). */
  private dispatch(slot: WorkerSlot, n = IN_FLIGHT): void {
    const job = this.job;
    if (!job || job.finished || !job.run) return;
    for (let given = 0; given < n && slot.inFlight < IN_FLIGHT; given++) {
      const t = job.queue.shift();
      if (!t) return;
      slot.inFlight++;
      slot.w.postMessage({ type: 'rep', job: job.id, variant: t.variant, rep: t.rep } satisfies ToWorker);
    }
  }

  private onMessage(slot: WorkerSlot, m: FromWorker): void {
    const job = this.job;
    if (m.type === 'ready') {
      this.dispatch(slot);
      return;
    }
    if (m.type === 'error') {
      slot.inFlight = Math.max(0, slot.inFlight - 1);
      if (m.fatal) this.replace(slot);
      else this.dispatch(slot);
      if (job && m.job === job.id && !job.finished) this.fail(m.variant, m.error);
      return;
    }
    // Calibration answers come only from the calibration's own worker.
    if (m.type !== 'out') return;
    markOnce('first-output');
    // An output: cache it even if its job has been replaced (it stays valid for its key).
    const key = job && m.job === job.id ? job.keys[m.variant] : undefined;
    slot.inFlight = Math.max(0, slot.inFlight - 1);
    this.dispatch(slot);
    if (!job || m.job !== job.id || key === undefined) return;
    this.remember(key, m.rep, m.out);
    if (job.finished) return;
    job.run?.add(m.variant, m.out);
    job.done++;
    if (job.done >= job.total || this.stableNow(job)) this.finish(job, false);
    else this.schedule(job);
  }

  private remember(key: string, rep: number, out: Float64Array): void {
    let m = this.cache.get(key);
    if (!m) {
      m = new Map();
      this.cache.set(key, m);
      while (this.cache.size > CACHE_KEYS) {
        const first = this.cache.keys().next().value;
        if (first === undefined) break;
        this.cache.delete(first);
      }
    }
    m.set(rep, out);
  }

  private schedule(job: Job): void {
    if (job.timer) return;
    const run = job.run;
    const firstPartial = !!run && job.variants.every((_, i) => run.completed(i) > 0) && job.lastEmit === 0;
    const every = Math.max(EMIT_EVERY_MS, 4 * job.cost);
    const wait = firstPartial ? 0 : Math.max(0, every - (performance.now() - job.lastEmit));
    job.timer = setTimeout(() => {
      job.timer = null;
      if (this.job === job && !job.finished) this.emit(job, false, false);
    }, wait);
  }

  private finish(job: Job, cancelled: boolean): void {
    job.finished = true;
    job.queue.length = 0;
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    this.stopWorkers();
    this.emit(job, true, cancelled);
    job.run?.free();
    job.run = null;
  }

  private fail(variant: number, failure: Failure): void {
    const job = this.job;
    if (!job || job.finished) return;
    job.queue.length = 0;
    job.finished = true;
    if (job.timer) clearTimeout(job.timer);
    this.stopWorkers();
    job.onUpdate({ job: job.id, done: job.done, total: job.total, results: [], comparisons: [], final: true, cancelled: false, error: { variant, failure } });
    job.run?.free();
    job.run = null;
  }

  private emit(job: Job, final: boolean, cancelled: boolean): void {
    markOnce('first-update');
    // What showing the previous update cost after it returned (charts drawn in later frames).
    const deferred = deferredWork.ms - job.deferredAt;
    job.lastEmit = performance.now();
    const run = job.run;
    const results = job.variants.map((_, i) => (run && run.completed(i) > 0 ? (run.results(i) as Results) : null));
    const b = results[0];
    const comparisons = job.variants.map((_, i) => {
      const s = results[i];
      return i > 0 && run && b && s ? ({ baseline: b, scenario: s, difference: run.difference(i) } as Comparison) : null;
    });
    const t0 = performance.now();
    const stable = run?.stable();
    job.onUpdate({ job: job.id, done: job.done, total: job.total, results, comparisons, final, cancelled, precision: job.precision, stable: job.precision !== undefined ? stable : undefined });
    // Streaming must not starve the workers: wait at least four times what showing took.
    job.cost = performance.now() - t0 + (t0 - job.lastEmit) + deferred;
    job.deferredAt = deferredWork.ms;
    job.lastEmit = performance.now();
  }

  dispose(): void {
    this.cancel();
    for (const s of this.slots) s.w.terminate();
    this.slots = [];
    URL.revokeObjectURL(this.workerUrl);
  }
}

/** What determines a variant's outputs: the scenario run with the baseline's settings. */
function i0(v: Scenario, base: Scenario): Scenario {
  return { ...v, simulation: base.simulation, id: '', title: '', titleEn: '', description: '', descriptionEn: '', baselineId: '', sources: [] };
}
