// `traces show`: one step of a recording as text (position, source excerpt, stack and
// variables) or as JSON.
import type { TraceRun } from '../store/schema.js';
import type { Variable } from '../interp/debugger/protocol.js';
import { DIVERGED, STOPPED_BY, type TraceRecording, type TraceStepView } from '../interp/trace/reader.js';
import { whoLabel } from '../store/who.js';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date and time, "2024-05-01 14:03:09". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A variable and its children as text lines, children up to `depth` levels and 20 per level. */
function variableLines(v: Variable, view: TraceStepView, indent: string, depth: number): string[] {
  const lines = [`${indent}${v.name}: ${v.type} = ${v.value}`];
  if (v.ref > 0 && depth > 0) {
    const kids = view.children(v.ref);
    for (const k of kids.slice(0, 20)) lines.push(...variableLines(k, view, indent + '  ', depth - 1));
    if (kids.length > 20) lines.push(`${indent}  … ${kids.length - 20} more`);
  }
  return lines;
}

interface VariableJson {
  name: string;
  type: string;
  value: string;
  count?: number;
  children?: VariableJson[];
}

export function variableJson(v: Variable, view: TraceStepView, depth: number): VariableJson {
  const j: VariableJson = { name: v.name, type: v.type, value: v.value };
  if (v.count !== undefined) j.count = v.count;
  if (v.ref > 0 && depth > 0) j.children = view.children(v.ref).map((k) => variableJson(k, view, depth - 1));
  return j;
}

function sourceExcerpt(rec: TraceRecording, file: string, line: number): string[] {
  const text = rec.sources[file];
  if (text === undefined) return [];
  const lines = text.split('\n');
  const out: string[] = [];
  const w = String(Math.min(lines.length, line + 2)).length;
  for (let i = Math.max(1, line - 2); i <= Math.min(lines.length, line + 2); i++) out.push(`${i === line ? '>' : ' '} ${String(i).padStart(w)} | ${lines[i - 1]}`);
  return out;
}

export function showText(rec: TraceRecording, run: TraceRun, target: string, view: TraceStepView): string {
  const lines: string[] = [];
  lines.push(`Recording ${run.id} of ${target}: ${formatWhen(run.startedAt)}, ${whoLabel(run.source, run.user)}, ${formatMs(run.durationMs)}, ${run.outcome}`);
  if (rec.exception) lines.push(`Exception: ${run.exception ?? rec.exception.message}${rec.exception.step !== null ? ` (step ${rec.exception.step + 1})` : ''}`);
  if (rec.stoppedBy && !rec.truncated) lines.push(`The run was ${STOPPED_BY[rec.stoppedBy]} after step ${rec.steps}; the recording holds the steps up to then.`);
  else if (rec.stoppedBy) lines.push(`The run was ${STOPPED_BY[rec.stoppedBy]} later.`);
  if (rec.truncated) lines.push(rec.cutAt ? `The recording stopped at its step limit (${rec.cutAt.step} steps) before the run ended, at ${rec.cutAt.file}:${rec.cutAt.line}:${rec.cutAt.col}.` : 'The recording stopped at its step limit before the run ended.');
  if (rec.replayed) lines.push(rec.diverged ? `Recorded by its inputs and replayed, but the replay did not make the same run (${DIVERGED}); the steps may not be what the run did.` : 'Recorded by its inputs and replayed.');
  lines.push('');
  lines.push(`Step ${view.step + 1} of ${rec.steps} at ${view.file}:${view.line}:${view.col}, depth ${view.depth}`);
  lines.push(...sourceExcerpt(rec, view.file, view.line));
  lines.push('', 'Call stack:');
  for (const f of view.stack) lines.push(`  ${f.name}  ${f.file}:${f.line}:${f.col}`);
  lines.push('', 'Variables:');
  for (const f of view.frames) {
    lines.push(`  ${f.name} (depth ${f.depth}):`);
    if (f.locals.length === 0 && f.globals.length === 0) lines.push('    (none)');
    for (const v of f.locals) lines.push(...variableLines(v, view, '    ', 2));
    if (f.globals.length) {
      lines.push('    globals:');
      for (const v of f.globals) lines.push(...variableLines(v, view, '      ', 2));
    }
  }
  lines.push('', 'Output so far:');
  if (view.output === '') lines.push('  (none)');
  else {
    const o = view.output.split('\n');
    if (o[o.length - 1] === '') o.pop();
    const shown = o.slice(-20);
    if (o.length > shown.length) lines.push(`  … ${o.length - shown.length} earlier lines`);
    for (const l of shown) lines.push(`  ${l}`);
  }
  return lines.join('\n');
}
