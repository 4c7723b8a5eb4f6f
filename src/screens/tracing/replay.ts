/** What the trace viewer shows of a step: the open variables' children, how the recording ends. */
import { formatDuration } from '../../tui/text.js';
import { DIVERGED, STOPPED_BY, type TraceRecording, type TraceStepView } from '../../interp/trace/reader.js';
import type { Variable } from '../../interp/debugger/protocol.js';
import { shortFile } from '../debugger/panes.js';
import { varPath } from '../debugger/model.js';
import { errorMessage } from '../../interp/util/error-message.js';

/** Children of the expanded variables, fetched from this step's view (lazily: only what is open). */
export function expandedChildren(view: TraceStepView, vars: { locals: Variable[]; globals: Variable[] }, expanded: ReadonlySet<string>): Map<string, Variable[] | { error: string }> {
  const out = new Map<string, Variable[] | { error: string }>();
  if (expanded.size === 0) return out;
  const walk = (list: Variable[], parent: string) => {
    for (const v of list) {
      const p = varPath(parent, v.name);
      if (v.ref <= 0 || !expanded.has(p)) continue;
      try {
        const kids = view.children(v.ref);
        out.set(p, kids);
        walk(kids, p);
      } catch (e) {
        out.set(p, { error: errorMessage(e) });
      }
    }
  };
  walk(vars.locals, 'L');
  walk(vars.globals, 'G');
  return out;
}

export function outcomeLine(rec: TraceRecording): { text: string; ok: boolean } {
  const x = rec.exception;
  const at = x && x.line > 0 ? ` at line ${x.line}${x.file !== rec.file ? ` of ${shortFile(x.file)}` : ''}` : '';
  if (rec.diverged) return { text: `This replay of the run's inputs did not make the same run (${DIVERGED}).`, ok: false };
  if (rec.truncated) return { text: `The recording stopped here (its step limit${rec.cutAt ? `; the next statement was ${rec.cutAt.file}:${rec.cutAt.line}` : ''}); the run went on.`, ok: false };
  if (rec.stoppedBy && rec.stoppedBy !== 'stopped') return { text: `The run was ${STOPPED_BY[rec.stoppedBy]} here.`, ok: false };
  switch (rec.outcome) {
    case 'ok':
      return { text: `The run ended${rec.durationMs ? ` after ${formatDuration(rec.durationMs)}` : ''}.`, ok: true };
    case 'failed':
      return { text: `The run ended with an unhandled exception${at}: ${x?.message ?? 'error'}`, ok: false };
    case 'interrupted':
      return { text: 'The run was stopped here.', ok: false };
    default:
      return { text: 'The recording ends here (its process ended before it was finished).', ok: false };
  }
}
