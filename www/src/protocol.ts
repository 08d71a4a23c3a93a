// The one message protocol between the simulation client and its workers.
import type { Issue, OpeningHours } from './generated/types';

export interface Failure {
  message: string;
  issues: Issue[];
  /** The error's kind (`invalidScenario`, `tooMuchWork`, …), when the engine gave one. */
  kind?: string;
  /** The variant it concerns, in a run of several. */
  variant?: number | null;
}

export type ToWorker =
  | { type: 'init'; module: WebAssembly.Module }
  /** Compile the variants of a job once, from the run's payload (validated on the page's thread). */
  | { type: 'job'; job: number; payload: string }
  | { type: 'rep'; job: number; variant: number; rep: number }
  /** Calibrate a municipality from its files (a worker of its own, started for it). */
  | { type: 'calibrate'; names: string[]; contents: Uint8Array[]; options: CalibrateOptions };

/** What the page chose besides the files (see `calibrateFiles` in src/wasm.rs). */
export interface CalibrateOptions {
  name?: string;
  units?: string[];
  weeksPerYear?: number;
  map?: [string, string][];
  /** Opening hours confirmed or corrected (a scenario's `openingHours`; `--hours`). */
  hours?: OpeningHours;
  /** `[code, information | transaction]` for Type codes outside the default mapping (`--types`). */
  types?: [string, 'information' | 'transaction'][];
}

export type FromWorker =
  | { type: 'ready' }
  /** A replication's output, packed by the engine (`RepOutput::pack`) and transferred. */
  | { type: 'out'; job: number; variant: number; rep: number; out: Float64Array<ArrayBuffer> }
  | { type: 'error'; job: number; variant: number; error: Failure; fatal: boolean }
  | { type: 'calibrated'; result: unknown }
  | { type: 'calibrateFailed'; error: Failure };
