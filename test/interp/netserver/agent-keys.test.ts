// Every method an agent implements is keyed exactly as the catalog (or an extra signature) declares
// it: a key that matches nothing is a method no script can reach, and the script gets "not
// available" instead (as StartMailMerge did when its parameter type gained the NS prefix).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { agentClass } from '../../../src/interp/stdlib/netserver/agents/index.js';
import { CRM_AGENTS } from '../../../src/interp/stdlib/netserver/agent-names.js';
import { NETSERVER_EXTRA_SIGNATURES } from '../../../src/interp/stdlib/netserver/index.js';

type Member = [kind: string, name: string, returns: string, params: string[]];
const catalog = JSON.parse(readFileSync(new URL('../../../src/interp/catalog.json', import.meta.url), 'utf8')).classes as Record<string, { members: Member[] }>;

/** Keys the shared entity cycle makes that the reference's page leaves out (harmless, unreachable). */
const CYCLE_EXTRAS = new Set(['NSListAgent.DeleteCurrencyEntity(Integer)']);

describe('agent method keys', () => {
  it.each([...CRM_AGENTS])('%s implements only methods the catalog declares', (name) => {
    const known = new Set(catalog[name]!.members.filter((m) => m[0] === 'M').map((m) => `${m[1]}(${m[3].join(',')})`));
    for (const sig of NETSERVER_EXTRA_SIGNATURES[name] ?? []) known.add(sig.replace(/^\S+\s+/, ''));
    const keys = Object.keys(agentClass(name, { name, methods: {} } as never, []).methods ?? {});
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !known.has(k) && !CYCLE_EXTRAS.has(`${name}.${k}`))).toEqual([]);
  });
});
