// Knowledge: links to knowledge-base entries (kb_entry) in the customer center. The customer
// center's address is the registry's entry 61 (reg_id 61) when the sandbox has one, else the
// installation's URL (getCgiUrl: the operator's settings cgiUrl, else the web request's) with
// /scripts/customer.fcgi; it is parsed with the script's Parser (its [[variables]] filled), and the
// entry is asked for with action=kbEntry&id=<id> (the sandbox's form of the link). With neither a
// registry entry nor an installation URL the call fails saying where the operator sets it. The
// FAQ search index (SuperOffice's kb_entry_keyword and word_relations tables) is not kept by the
// sandbox, so rebuildFaqSearch fails saying so.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { parseTemplate } from '../parser/template.js';
import type { CrmParser } from '../parser/parser.js';
import { cgiUrl } from '../web.js';
import { crm, text } from './access.js';

/** The registry entry that holds the customer center's base URL. */
const CUSTOMER_URL_REG = 61;

export class CrmKnowledge {}

function entryUrl(id: number, parser: CrmParser): string {
  const where = 'Knowledge.buildExternalEntryURLWithParser';
  if (!(id > 0 && crm().get('kb_entry', id))) throw new CrmError(`${where}: there is no knowledge-base entry with id ${id}`);
  const registry = text(crm().select('registry', { where: [{ column: 'reg_id', op: '=', value: CUSTOMER_URL_REG }], limit: 1 })[0]?.value).trim();
  const installation = cgiUrl();
  if (!registry && !installation) {
    throw new CrmError(`${where}: the customer center's URL is not known: set registry entry ${CUSTOMER_URL_REG}, or the installation's URL in the settings (crmscript-tui settings set cgiUrl https://crm.example.com/Cust1/CS)`);
  }
  const base = parseTemplate(registry || `${installation}/scripts/customer.fcgi`, parser, where).trim();
  return `${base}${base.includes('?') ? '&' : '?'}action=kbEntry&id=${id}`;
}

export const KnowledgeClass: NativeClass = {
  name: 'Knowledge',
  defaultValue: () => new CrmKnowledge(),
  ctors: { '()': () => new CrmKnowledge() },
  methods: {
    'buildExternalEntryURLWithParser(Integer,Parser)': (_self: CrmKnowledge, id: number, parser: CrmParser) => entryUrl(id, parser),
    'rebuildFaqSearch(Integer,String)': () => {
      throw new CrmError('Knowledge.rebuildFaqSearch is not available: the sandbox CRM keeps no FAQ search index (the kb_entry_keyword and word_relations tables)');
    },
  },
};
