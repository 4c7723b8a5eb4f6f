// NSPersonAgent's person image and a document template's language for a person. The image is the
// person's image blob, as NSBLOBAgent keeps it (blobs.ts): SetPersonImage with no image (or one
// without bytes) removes it. The best language of a template for a person is the language of the
// template's files in the sandbox's document archive (document-archive.ts) that the person's
// customer language (person.supportLanguageId, else the company's; a cust_lang row's ISO or
// language code) names: the same code, else the same language of another region (en for en-US);
// '' when the person has no customer language or the template has no file in it. What the
// sandbox cannot do fails saying what it lacks.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { lacking, type Methods } from './define.js';
import { recordImage } from './blobs.js';
import { templateLanguages } from './document-archive.js';

const AGENT = 'NSPersonAgent';
const at = (method: string): string => `${AGENT}.${method}`;

const images = recordImage(AGENT, 'PersonImage');

/** The codes of a customer language (cust_lang row `id`): its ISO code, then its language code. */
function languageCodes(id: number): string[] {
  const row = id > 0 && db().table('cust_lang') ? db().get('cust_lang', id) : null;
  if (!row) return [];
  return [col(row, 'iso_code'), col(row, 'lang_code')].map((v) => String(v ?? '').trim()).filter(Boolean);
}

/** The person's customer language codes: the person's own, else the company's. */
function personLanguages(person: CrmRow): string[] {
  const own = languageCodes(Number(col(person, 'supportLanguageId') ?? 0));
  if (own.length) return own;
  const company = db().get('contact', Number(col(person, 'contact_id') ?? 0));
  return company ? languageCodes(Number(col(company, 'supportLanguageId') ?? 0)) : [];
}

const base = (code: string): string => code.toLowerCase().split(/[-_]/)[0]!;

function bestLanguage(personId: number, templateId: number): string {
  const where = at('GetBestSoLanguageForTemplate');
  const person = personId > 0 ? db().get('person', personId) : null;
  if (!person) throw fail(where, `there is no person with id ${personId}`);
  if (!(templateId > 0 && db().get('DocTmpl', templateId))) throw fail(where, `there is no document template with id ${templateId}`);
  const languages = templateLanguages(templateId).filter(Boolean);
  for (const code of personLanguages(person)) {
    const same = languages.find((l) => l.toLowerCase() === code.toLowerCase()) ?? languages.find((l) => base(l) === base(code));
    if (same) return same;
  }
  return '';
}

export const personImageLanguage: Methods = {
  ...images,
  'SetPersonImage(Integer)': (a: unknown, id: number) => images['SetPersonImage(Integer,NSImage)']!(a, id, null),
  'GetBestSoLanguageForTemplate(Integer,Integer)': (_a: unknown, personId: number, templateId: number) => bestLanguage(personId | 0, templateId | 0),
  ...lacking(AGENT, 'the sandbox CRM deletes persons at once (DeletePersonEntity): it keeps no soft-deleted persons whose retention could expire', ['DeleteExpired()']),
  ...lacking(AGENT, "the sandbox has no credential provider that knows persons (its only credential type is the users' SoPassword password)", ['CreateDefaultFromCredential(Integer,String,String,String)']),
};
