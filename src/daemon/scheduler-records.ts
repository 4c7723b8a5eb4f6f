// The scheduler's records of work in progress: a run being served, the actions a tick decides,
// a claimed run, a run's end as recorded in a batch, and the missed and failed runs it reports.
import type { Task, TaskRunOutcome } from '../store/schema.js';
import type { CrmChange } from '../interp/runtime/crm-service.js';
import type { ServedRun } from './running.js';

export interface ActiveRun extends ServedRun {
  taskId: string;
  startedAt: Date;
  /** When the run was due (its scheduled time, or when Start now was asked for / the claim). */
  dueAt: Date;
  leaseUntil: Date;
  done: Promise<void>;
}

export type Action =
  | { kind: 'orphan'; runId: string; taskId: string; reason: string; clearLease: boolean }
  | { kind: 'init'; taskId: string; nextRun: string | null }
  | { kind: 'claim'; taskId: string };

export interface Claim {
  task: Task;
  runId: string;
  startedAt: Date;
  dueAt: Date;
  leaseUntil: Date;
}

/** A run's end, as recorded (in a batch with other ends: see finish). */
export interface RunEnd {
  runId: string;
  taskId: string;
  outcome: Exclude<TaskRunOutcome, 'running'>;
  error: string | null;
  endedAt: Date;
  output: string;
  outputBlob: string | null;
  /** The CRM rows the run changed. */
  changes: CrmChange[];
}

export interface RecordedEnd {
  superseded: boolean;
  task: Task | null;
  failed: FailedRunInfo | null;
  /** Tasks chained after this one (Run after schedule) were made due. */
  chained: boolean;
}

/** Scheduled times a task was not started at, found when it is claimed. */
export interface Missed {
  taskName: string;
  count: number;
  first: string;
  last: string;
}

export interface FailedRunInfo {
  taskName: string;
  runId: string;
  error: string;
  /** Inputs of the ScheduledTaskFailed event. */
  inputs: Record<string, string>;
}

