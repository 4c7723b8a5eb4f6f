// The header of a recording made in a test (one file, test.crm), shared by the trace tests.
import { TRACE_FORMAT, TRACE_VERSION, type TraceHeader } from '../../../src/interp/trace/format.js';
import type { CompiledProgram } from '../../../src/interp/compiler.js';

export function traceHeader(c: CompiledProgram, source: string, version: number = TRACE_VERSION): TraceHeader {
  return {
    t: 'h',
    format: TRACE_FORMAT,
    version,
    id: 'test',
    configId: '',
    target: { kind: 'script', id: '', name: 'test.crm' },
    file: 'test.crm',
    startedAt: new Date(0).toISOString(),
    source: 'cli',
    user: '',
    event: '',
    sources: { 'test.crm': source },
    stmts: c.debug!.stmts,
    fns: c.debug!.fns,
  };
}
