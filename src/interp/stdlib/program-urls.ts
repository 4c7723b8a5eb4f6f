// getProgram / getExternalProgram and their per-module forms: the URL of one of the installation's
// program modules, which scripts append a query to ("&action=listTicket&ticketId=7", as
// SuperOffice's own examples do). A module's URL is the installation's base (getCgiUrl: the
// operator's settings cgiUrl, else the request's) with /scripts/<module>.fcgi?_sf=0 — the form of
// the module links in SuperOffice's documentation. The sandbox has one base URL, so the external
// forms give the same URLs. A module number without a module here (the planner, ads, ... of the
// reference's list) gives ''.
import type { NativeGlobals } from './registry.js';
import { cgiUrl } from './web.js';

/** The reference's module numbers (modTicket 1, modAdmin 2, ...) with their programs. */
const MODULES: Record<number, string> = {
  1: 'ticket',
  2: 'admin',
  4: 'document',
  8: 'help',
  16: 'customer',
  32: 'knowledge',
  512: 'stat',
  1024: 'rms',
  16384: 'chat',
  65536: 'soap',
  524288: 'blogic',
};

const url = (program: string): string => `${cgiUrl()}/scripts/${program}.fcgi?_sf=0`;
const byNumber = (progId: number): string => (Object.hasOwn(MODULES, progId) ? url(MODULES[progId]!) : '');

const NAMED = ['Admin', 'Ajax', 'Blogic', 'Chat', 'Customer', 'Document', 'Help', 'Knowledge', 'Rms', 'Soap', 'Stat', 'Ticket'];

export const programUrlGlobals: NativeGlobals = {
  'getProgram(Integer)': (progId: number) => byNumber(progId),
  'getExternalProgram(Integer)': (progId: number) => byNumber(progId),
  ...Object.fromEntries(NAMED.flatMap((name) => [
    [`getProgram${name}()`, () => url(name.toLowerCase())],
    [`getExternalProgram${name}()`, () => url(name.toLowerCase())],
  ])),
};
