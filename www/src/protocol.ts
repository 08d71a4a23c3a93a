// The one message protocol between the simulation client and its workers.
import type { RepOutput, Scenario, Issue } from './generated/types';

export interface Failure {
  message: string;
  issues: Issue[];
}

export type ToWorker =
  | { type: 'init'; module: WebAssembly.Module }
  /** Compile the variants of a job; the scenarios (index ≥ 1) are aligned with variant 0. */
  | { type: 'job'; job: number; variants: Scenario[] }
  | { type: 'rep'; job: number; variant: number; rep: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'out'; job: number; variant: number; rep: number; out: RepOutput }
  | { type: 'error'; job: number; variant: number; error: Failure; fatal: boolean };
