// The NetServer agents implemented over the sandbox CRM, by class name. An agent method with no
// implementation here type-checks and fails when called: "NSXAgent.Method is not available in
// crmscript-tui".
import type { NativeClass } from '../../registry.js';
import type { MemberSig } from '../carrier.js';
import type { Methods } from './define.js';
import { contactAgent, personAgent } from './contact-person.js';
import { projectAgent, saleAgent } from './sale-project.js';
import { appointmentAgent, documentAgent } from './appointment-document.js';
import { listAgent, listGetters, quoteAgent } from './quote-list.js';
import { associateAgent, preferenceAgent, ticketAgent, userAgent } from './ticket-user-pref.js';
import { archiveAgent, findAgent } from './find-archive.js';

const agents: Record<string, Methods> = {
  NSContactAgent: contactAgent,
  NSPersonAgent: personAgent,
  NSSaleAgent: saleAgent,
  NSAppointmentAgent: appointmentAgent,
  NSDocumentAgent: documentAgent,
  NSProjectAgent: projectAgent,
  NSQuoteAgent: quoteAgent,
  NSListAgent: listAgent,
  NSPreferenceAgent: preferenceAgent,
  NSTicketAgent: ticketAgent,
  NSAssociateAgent: associateAgent,
  NSUserAgent: userAgent,
  NSFindAgent: findAgent,
  NSArchiveAgent: archiveAgent,
};

/** Agents whose methods read or write the CRM database (the run readies it when a program uses one). */
export const CRM_AGENTS = Object.keys(agents);

/** The native class of agent `name`: its constructor from `base`, its implemented methods. */
export function agentClass(name: string, base: NativeClass, sigs: MemberSig[]): NativeClass {
  const own = agents[name] ?? {};
  const methods = name === 'NSListAgent' ? { ...listGetters(sigs), ...own } : own;
  return { name, ctors: base.ctors, defaultValue: base.defaultValue, methods };
}
