/**
 * Tab 5, Tracing: trace configurations per script or macro, their recordings, the global
 * Start/Stop tracing switch, and the trace viewer (see TraceManager.tsx and Viewer.tsx).
 * TargetTraces is the same screen for one script or macro: what its Trace action opens.
 */
import React from 'react';
import type { TabProps } from '../../tui/services.js';
import type { Size } from '../../tui/hooks.js';
import { useTui } from '../../tui/services.js';
import type { TargetKind } from '../../store/schema.js';
import { TraceManager } from './TraceManager.js';

export { TraceViewer } from './Viewer.js';
export { TraceManager } from './TraceManager.js';

export function TracingTab({ size, tui }: TabProps): React.ReactElement {
  return <TraceManager size={size} tui={tui} />;
}

export interface TargetTracesProps {
  kind: TargetKind;
  id: string;
  /** The script's or macro's name (titles, the new trace's description). */
  name: string;
  size: Size;
  onBack: () => void;
}

/** The traces of one script or macro; opens the form for a new trace when it has none. */
export function TargetTraces({ kind, id, name, size, onBack }: TargetTracesProps): React.ReactElement {
  const tui = useTui();
  return <TraceManager size={size} tui={tui} target={{ kind, id, name }} onBack={onBack} />;
}
