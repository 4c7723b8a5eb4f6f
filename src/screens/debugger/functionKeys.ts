/** F-keys for the Debugger: Ink does not tell them apart, so the raw sequences are read. */
import { useContext, useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { KeyRegistryContext, KeyScopeContext, type LayerSpec } from '../../tui/keys.js';
import { NO_KEY, functionKeyNotation } from '../../tui/keymap.js';

/** Run a binding from the raw F-key sequences Ink does not tell apart, when our layer is on top. */
export function useFunctionKeys(spec: LayerSpec): void {
  const { internal_eventEmitter: events } = useStdin();
  const registry = useContext(KeyRegistryContext);
  const scopeActive = useContext(KeyScopeContext);
  const specRef = useRef(spec);
  specRef.current = spec;
  const activeRef = useRef(scopeActive);
  activeRef.current = scopeActive;
  useEffect(() => {
    if (!events || !registry) return;
    const onInput = (raw: string) => {
      const n = functionKeyNotation(raw);
      if (!n || !activeRef.current) return;
      if (registry.reachable()[0] !== specRef.current) return;
      const b = specRef.current.bindings.find((x) => x.when !== false && x.def.keys.includes(n));
      b?.run('', NO_KEY);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [events, registry]);
}
