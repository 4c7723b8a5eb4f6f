// The installation's URLs as NSConfigurationAgent and NSCustomerServiceAgent hand them out, built on
// the base URL getCgiUrl gives (the operator's settings cgiUrl, else the web request's): a Service
// program is <base>/scripts/<program>.fcgi?_sf=0 as getProgram* builds it (program-urls.ts), the
// customer center <base>/scripts/customer.fcgi, a CRM client link <base>/default.aspx?<soprotocol>.
// With no base URL each fails saying where the operator sets it. Also GetCSRegistryValue, a value of
// the registry table. The URLs that need what the sandbox does not keep (the logo and help
// preferences, e-marketing log-in links, the www folder) stay unavailable.
import { cgiUrl } from '../../web.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { lacking, type Methods } from './define.js';

const CONFIG = 'NSConfigurationAgent';
const SERVICE = 'NSCustomerServiceAgent';

/** The installation's base URL, or a failure naming `where` and the setting. */
function base(where: string): string {
  const url = cgiUrl();
  if (!url) throw fail(where, "the installation's URL is not set: the operator sets it in the settings (cgiUrl), e.g. crmscript-tui settings set cgiUrl https://crm.example.com/Cust1/CS");
  return url;
}

/** A Service program's URL: a program name of letters, digits, - and _ (ticket, rms, customer...). */
function programUrl(where: string, program: string): string {
  const name = program.trim().replace(/\.fcgi$/i, '');
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw fail(where, `"${program}" is no Service program name (ticket, admin, customer, ...)`);
  return `${base(where)}/scripts/${name.toLowerCase()}.fcgi?_sf=0`;
}

/** Query text appended with & (a leading & or ? of its own is dropped). */
const more = (text: string): string => (text.trim() ? `&${text.trim().replace(/^[&?]+/, '')}` : '');

function csProgramUrl(language: string, program: string, action: string, extra: string): string {
  const where = `${CONFIG}.GetCsProgramUrl`;
  // a per-user Service language is not kept by the sandbox, so a URL that switches it cannot be made
  if (language.trim()) throw fail(where, `the sandbox CRM keeps no Service language per user, so it cannot make a URL that changes it to "${language}" (pass "")`);
  const url = programUrl(where, program);
  return action.trim() ? `${url}&action=${encodeURIComponent(action.trim())}${more(extra)}` : url;
}

export const configUrls: Methods = {
  'GetCsCgiUrlInternal()': () => base(`${CONFIG}.GetCsCgiUrlInternal`),
  'GetCustomerUrl()': () => `${base(`${CONFIG}.GetCustomerUrl`)}/scripts/customer.fcgi`,
  'GetCsProgramUrl(String,String,String,String)': (_a: unknown, language: string, program: string, action: string, extra: string) => csProgramUrl(language, program, action, extra),
  'GetCRMUrl(String,String,Bool)': (_a: unknown, soProtocol: string, currents: string, frameless: boolean) => {
    const where = `${CONFIG}.GetCRMUrl`;
    if (frameless) throw fail(where, 'the sandbox has no frameless form of the CRM client (pass false)');
    const protocol = soProtocol.trim().replace(/^[?#]+/, '');
    if (!protocol) throw fail(where, 'no soprotocol given (such as contact.main)');
    return `${base(where)}/default.aspx?${protocol}${more(currents)}`;
  },
  'GetCSRegistryValue(Integer)': (_a: unknown, entry: number) => {
    const row = db().select('registry', { where: [{ column: 'reg_id', op: '=', value: entry }], limit: 1 })[0];
    return row ? String(col(row, 'value') ?? '') : '';
  },
  ...lacking(CONFIG, 'the sandbox CRM keeps no logo, help, e-marketing or www folder settings of SuperOffice ([NetServices] preferences, urldispatch.aspx)', [
    'GetWwwUrl(String)',
    'GetWwwUrlForSMWeb()',
    'GetHelpDispatcherUrl()',
    'GetEMarketingUrl(String)',
    'GetCSAuthUrl(String,String,String,String)',
    'GetCSWwwFolder()',
  ]),
};

export const serviceUrls: Methods = {
  // the sandbox has one base URL, so the external form (the customers') is the same
  'GetProgramUrl(String,Bool)': (_a: unknown, program: string) => programUrl(`${SERVICE}.GetProgramUrl`, program),
};
