/** How the Debugger (and the trace viewer) share the screen between their panes. */
export interface DebuggerLayout {
  statusH: number;
  topH: number;
  bottomH: number;
  leftW: number;
  rightW: number;
  varsH: number;
  stackH: number;
}

export function debuggerLayout(width: number, height: number): DebuggerLayout {
  const statusH = 1;
  const rest = Math.max(height - statusH, 8);
  const bottomH = Math.max(5, Math.min(14, Math.floor(rest * 0.3)));
  const topH = rest - bottomH;
  const rightW = width < 64 ? Math.floor(width / 2) : Math.max(26, Math.min(60, Math.round(width * 0.38)));
  const leftW = width - rightW;
  const stackH = Math.max(4, Math.min(12, Math.floor(topH * 0.38)));
  const varsH = Math.max(topH - stackH, 3);
  return { statusH, topH, bottomH, leftW, rightW, varsH, stackH };
}
