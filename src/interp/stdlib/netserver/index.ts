// The NetServer classes (NS…) of CRMScript: entities, carriers and list items are derived from
// the API catalog (carrier.ts); agents add the methods implemented over the sandbox CRM
// (agents/). Nothing is built until a script names a class: the catalog gets a lazy `native` per
// NS class, built on first use.
import type { LazyNatives, NativeClass } from '../registry.js';
import { carrierClass, type MemberSig } from './carrier.js';
import { agentClass } from './agents/index.js';

export { NSObject } from './object.js';
export { CRM_AGENTS } from './agent-names.js';

/** NSContactEntity, NSSaleAgent, ... (NSStream is an ordinary native class). */
export function isNetServerClass(name: string): boolean {
  return /^NS[A-Z]/.test(name) && name !== 'NSStream';
}

/**
 * Members real code calls that the reference declares differently. The checker adds them to the
 * class, replacing a catalog declaration with the same parameters.
 */
export const NETSERVER_EXTRA_SIGNATURES: Record<string, string[]> = {
  // (NSContactEntity.SetAddress(NSAddress) is in catalog-usage.ts)
  // the reference types the recurrence sub-patterns as Integer; they are carriers (GetDayPattern().GetPattern())
  NSRecurrenceInfo: ['Day', 'Week', 'Month', 'Year'].flatMap((p) => [`NSRecurrence${p}Pattern Get${p}Pattern()`, `Void Set${p}Pattern(NSRecurrence${p}Pattern)`]),
  // members the docs' examples use that the reference pages lack
  NSContact: ['DateTime GetCreatedDate()'],
  NSDocument: ['String GetDocumentName()'],
  // the archive docs call the overload with sort order, restrictions and entities
  NSArchiveAgent: ['NSArchiveListItem[] GetArchiveListByColumns(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer)'],
  // NetServer's TicketStatusEntity has it; the stored reference predates it (agents/ticket-status-default.ts)
  NSTicketStatusEntity: ['Bool GetIsDefault()', 'Void SetIsDefault(Bool)'],
};

/** Classes named like agents that are carriers (NSChatTopicAgent: a user of a chat topic). */
const CARRIERS_NAMED_AGENT = new Set(['NSChatTopicAgent']);

/** Builds the native implementation of NS class `name` from its catalog members. */
export function netServerNative(name: string, members: Iterable<MemberSig>, known: (cls: string) => boolean): NativeClass {
  const sigs = [...members];
  const base = carrierClass(name, sigs, known);
  return name.endsWith('Agent') && !CARRIERS_NAMED_AGENT.has(name) ? agentClass(name, base, sigs) : base;
}

/** The NetServer classes as lazily built natives of the catalog (see catalog.ts). */
export const netServerNatives: LazyNatives = {
  has: isNetServerClass,
  build: netServerNative,
  extraSignatures: NETSERVER_EXTRA_SIGNATURES,
};
