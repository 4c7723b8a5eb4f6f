// The NetServer agents implemented over the sandbox CRM, by class name. An agent method with no
// implementation here type-checks and fails when called: "NSXAgent.Method is not available in
// crmscript-tui".
import type { NativeClass, NativeFn } from '../../registry.js';

const agents: Record<string, Record<string, NativeFn>> = {};

/** The native class of agent `name`: its constructor from `base`, its implemented methods. */
export function agentClass(name: string, base: NativeClass): NativeClass {
  return { name, ctors: base.ctors, defaultValue: base.defaultValue, methods: agents[name] ?? {} };
}
