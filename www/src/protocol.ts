// The one message protocol between the simulation client and its workers.
import type { RepOutput, Issue } from './generated/types';

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
  | { type: 'rep'; job: number; variant: number; rep: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'out'; job: number; variant: number; rep: number; out: RepOutput }
  | { type: 'error'; job: number; variant: number; error: Failure; fatal: boolean };
