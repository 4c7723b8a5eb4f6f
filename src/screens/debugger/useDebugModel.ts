/**
 * Keeps the Debugger's model of one session (model.ts): follows its events, fetches the stack,
 * variables (and the children of expanded ones) and the watch expressions at every stop
 * (frameLoad.ts), queues step keys pressed while a step is under way, and keeps the breakpoints
 * (with the BreakpointStore). Every call into the session is caught: a session may end or resume
 * at any moment, and an answer that arrives after the next stop is dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BreakpointStore, DebuggerSession, DebugOutcome, FrameVariables, PauseOrEnd, StackFrame, StoppedEvent, Variable } from './types.js';
import { errorText, type DebugActions, type DebugModel, type KeptView, type Phase, type Watch } from './model.js';
import { loadFrame as loadFrameOf } from './frameLoad.js';
import { toggledBreakpoints } from './breakpoints.js';

export function useDebugModel(
  session: DebuggerSession,
  opts: {
    bpStore?: BreakpointStore;
    /** Problems ('error') and notes ('info') for the status line. */
    onError: (message: string, kind?: 'error' | 'info') => void;
    /** Files of the run (entry and includes) whose breakpoints to show. */
    files?: readonly string[];
    /** Watches and expanded variables carried from one run to the next (restart); kept up to date here. */
    keep?: KeptView;
  },
): [DebugModel, DebugActions] {
  const { bpStore } = opts;
  const onError = useRef(opts.onError);
  onError.current = opts.onError;
  const fail = useCallback((e: unknown) => onError.current(errorText(e)), []);

  const [phase, setPhase] = useState<Phase>(session.state);
  const [stop, setStop] = useState<StoppedEvent | null>(session.state === 'paused' ? session.lastStop : null);
  const [outcome, setOutcome] = useState<DebugOutcome | null>(session.outcome);
  const [output, setOutput] = useState(session.output);
  const [runningSince, setRunningSince] = useState(() => Date.now());
  const [frames, setFrames] = useState<StackFrame[]>(session.lastStop?.stack ?? []);
  const [frame, setFrame] = useState(0);
  const [vars, setVars] = useState<FrameVariables | null>(null);
  const [varsError, setVarsError] = useState<string | null>(null);
  const [varsStale, setVarsStale] = useState(false);
  const [children, setChildren] = useState<ReadonlyMap<string, Variable[] | { error: string }>>(new Map());
  const keep = opts.keep;
  const [expanded, setExpandedSet] = useState<ReadonlySet<string>>(() => new Set(keep?.expanded ?? []));
  const [watches, setWatches] = useState<Watch[]>(() => (keep?.watches ?? []).map((expr, i) => ({ id: i + 1, expr, result: null, stale: false })));
  useEffect(() => {
    if (!keep) return;
    keep.watches = watches.map((w) => w.expr);
    keep.expanded = [...expanded];
  }, [keep, watches, expanded]);
  const [breakpoints, setBreakpoints] = useState<ReadonlyMap<string, number[]>>(() => new Map());
  const [busy, setBusy] = useState(false);
  // Step keys pressed while a step is under way run, in order, at the stops that follow.
  const busyRef = useRef(false);
  const queue = useRef<Array<() => void>>([]);

  // Refs for async work: the generation changes at every stop, resume and frame change.
  const gen = useRef(0);
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  const watchesRef = useRef(watches);
  watchesRef.current = watches;
  const frameRef = useRef(frame);
  frameRef.current = frame;
  const watchSeq = useRef(watches.length);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  /** Variables and watches of a frame of the current stop. */
  const loadFrame = useCallback(
    async (f: number) => {
      const g = ++gen.current;
      setVarsError(null);
      await loadFrameOf(
        {
          session,
          sameStop: () => gen.current === g,
          wanted: () => gen.current === g && mounted.current,
          expanded: () => expandedRef.current,
          watches: () => watchesRef.current,
          onVars: (v, kids) => {
            setVars(v);
            setVarsStale(false);
            setChildren(kids);
          },
          onVarsError: (message) => {
            setVars(null);
            setVarsError(message);
          },
          onWatch: (id, result) => setWatches((ws) => ws.map((x) => (x.id === id ? { ...x, result, stale: false } : x))),
        },
        f,
      );
    },
    [session],
  );

  const files = opts.files;
  const syncBreakpoints = useCallback(() => {
    const next = new Map<string, number[]>();
    for (const f of new Set([session.file, ...(files ?? [])])) next.set(f, session.breakpoints(f));
    setBreakpoints(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, (files ?? []).join('\n')]);

  // ---- session events
  useEffect(() => {
    let outTimer: NodeJS.Timeout | null = null;
    const onStopped = (e: StoppedEvent) => {
      busyRef.current = false;
      // A stop of another kind (breakpoint, exception, ...) is news: it ends the queued steps.
      if (e.reason !== 'step') queue.current = [];
      const next = queue.current.shift();
      if (next) {
        // Straight on to the next queued step (after the session has told everyone of this stop);
        // meanwhile more step keys still queue up.
        busyRef.current = true;
        setTimeout(() => {
          busyRef.current = false;
          next();
        }, 0);
        return;
      }
      setBusy(false);
      setPhase('paused');
      setStop(e);
      setFrames(e.stack);
      setFrame(0);
      setWatches((ws) => ws.map((w) => ({ ...w, stale: true })));
      setOutput(session.output);
      void loadFrame(0);
    };
    const onContinued = () => {
      gen.current++;
      setPhase('running');
      setStop(null);
      setRunningSince(Date.now());
      setVarsStale(true);
      setChildren(new Map());
    };
    const onOutput = () => {
      // A script printing in a tight loop must not re-render the screen per line.
      if (outTimer) return;
      outTimer = setTimeout(() => {
        outTimer = null;
        if (mounted.current) setOutput(session.output);
      }, 80);
    };
    const onTerminated = (e: { outcome: DebugOutcome }) => {
      gen.current++;
      busyRef.current = false;
      queue.current = [];
      setBusy(false);
      setPhase('terminated');
      setStop(null);
      setOutcome(e.outcome);
      setOutput(session.output);
      setFrames([]);
      setVarsStale(true);
      setChildren(new Map());
    };
    session.on('stopped', onStopped);
    session.on('continued', onContinued);
    session.on('output', onOutput);
    session.on('terminated', onTerminated);
    // What happened before we subscribed.
    if (session.state === 'paused' && session.lastStop) onStopped(session.lastStop);
    else if (session.state === 'terminated' && session.outcome) onTerminated({ outcome: session.outcome });
    syncBreakpoints();
    return () => {
      if (outTimer) clearTimeout(outTimer);
      session.off('stopped', onStopped);
      session.off('continued', onContinued);
      session.off('output', onOutput);
      session.off('terminated', onTerminated);
    };
  }, [session, loadFrame, syncBreakpoints]);

  // ---- actions
  const settle = useCallback(
    (p: Promise<PauseOrEnd>, step: boolean) => {
      if (step) {
        busyRef.current = true;
        setBusy(true);
      }
      p.then(
        () => undefined,
        (e: unknown) => {
          busyRef.current = false;
          queue.current = [];
          if (!mounted.current) return;
          setBusy(false);
          setPhase(session.state);
          fail(e);
        },
      );
      // The local session turns 'running' at once; a remote one reports it a moment later.
      if (session.state === 'running') {
        setPhase('running');
        setRunningSince(Date.now());
      }
    },
    [session, fail],
  );

  const actions: DebugActions = useMemo(
    () => ({
      command(cmd) {
        if (busyRef.current) {
          if (queue.current.length < 20) queue.current.push(() => actions.command(cmd));
          return;
        }
        if (session.state !== 'paused') return;
        let p: Promise<PauseOrEnd>;
        try {
          p = session[cmd]();
        } catch (e) {
          fail(e);
          return;
        }
        settle(p, cmd === 'stepIn' || cmd === 'stepOver' || cmd === 'stepOut');
      },
      runTo(line, file) {
        if (busyRef.current) {
          if (queue.current.length < 20) queue.current.push(() => actions.runTo(line, file));
          return;
        }
        if (session.state !== 'paused') return;
        settle(session.runTo(line, file), false);
      },
      pause() {
        queue.current = [];
        if (session.state !== 'running') return;
        session.pause().catch(fail);
      },
      async stop() {
        queue.current = [];
        if (session.state === 'terminated') return;
        await session.stop().then(
          () => undefined,
          (e: unknown) => fail(e),
        );
      },
      selectFrame(i) {
        if (i === frameRef.current) return;
        setFrame(i);
        if (session.state === 'paused') {
          setWatches((ws) => ws.map((w) => ({ ...w, result: null })));
          void loadFrame(i);
        }
      },
      toggleExpand(path, v) {
        actions.setExpanded(path, v, !expandedRef.current.has(path));
      },
      setExpanded(path, v, open) {
        if (v.ref <= 0) return;
        const next = new Set(expandedRef.current);
        if (open) next.add(path);
        else for (const p of [...next]) if (p === path || p.startsWith(path + '/')) next.delete(p);
        expandedRef.current = next;
        setExpandedSet(next);
        if (!open || session.state !== 'paused') return;
        const g = gen.current;
        session.getChildren(v.ref).then(
          (kids) => {
            if (gen.current !== g || !mounted.current) return;
            setChildren((m) => new Map(m).set(path, kids));
          },
          (e: unknown) => {
            if (gen.current !== g || !mounted.current) return;
            setChildren((m) => new Map(m).set(path, { error: errorText(e) }));
          },
        );
      },
      toggleBreakpoint(file, line) {
        const t = toggledBreakpoints(session, file, line);
        if ('error' in t) {
          onError.current(t.error);
          return;
        }
        if (t.note) onError.current(t.note, 'info');
        const save = (lines: number[]) => {
          if (!mounted.current) return;
          setBreakpoints((m) => new Map(m).set(file, lines));
          bpStore?.save(file, lines).catch(fail);
        };
        const sorted = t.lines;
        if (session.state === 'terminated') {
          // The run is over (a remote one cannot take them any more): keep them for the next run.
          save(sorted);
          return;
        }
        session.setBreakpoints(sorted, file).then(save, fail);
      },
      addWatch(expr) {
        const e = expr.trim();
        if (e === '') return;
        const id = ++watchSeq.current;
        setWatches((ws) => [...ws, { id, expr: e, result: null, stale: false }]);
        if (session.state !== 'paused') return;
        const g = gen.current;
        session.evaluate(e, frameRef.current).then(
          (result) => {
            if (gen.current !== g || !mounted.current) return;
            setWatches((ws) => ws.map((w) => (w.id === id ? { ...w, result } : w)));
          },
          (err: unknown) => {
            if (gen.current !== g || !mounted.current) return;
            setWatches((ws) => ws.map((w) => (w.id === id ? { ...w, result: { ok: false, error: errorText(err) } } : w)));
          },
        );
      },
      removeWatch(id) {
        setWatches((ws) => ws.filter((w) => w.id !== id));
      },
    }),
    [session, settle, fail, loadFrame, bpStore],
  );

  const model: DebugModel = {
    phase,
    stop,
    outcome,
    output,
    runningSince,
    frames,
    frame,
    vars,
    varsError,
    varsStale,
    children,
    expanded,
    watches,
    breakpoints,
    busy,
  };
  return [model, actions];
}
