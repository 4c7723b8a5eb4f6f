// Knowing when React has committed what was changed so far: the probe makes a state update of
// its own (same priority as the updates before it, so React renders them in the same pass) and
// calls back from its layout effect. The app's key reader (useKeyInput in keys.tsx) takes the next
// key only then.
import { useLayoutEffect, useRef, useState } from 'react';

export interface CommitProbeHandle {
  /** Calls `then` once the updates made so far are committed; null while the probe is not mounted. */
  request: ((then: () => void) => void) | null;
}

/** A state update of its own, and a layout effect that runs when it is committed. */
export function CommitProbe({ handle }: { handle: CommitProbeHandle }): null {
  const [n, setN] = useState(0);
  const waiting = useRef<Array<() => void>>([]);
  useLayoutEffect(() => {
    const list = waiting.current; // the same array for the probe's life
    handle.request = (then) => {
      list.push(then);
      setN((x) => x + 1);
    };
    return () => {
      handle.request = null;
      // Unmounted with keys waiting: let them go on.
      for (const then of list.splice(0)) then();
    };
  }, [handle]);
  useLayoutEffect(() => {
    for (const then of waiting.current.splice(0)) then();
  }, [n]);
  return null;
}
