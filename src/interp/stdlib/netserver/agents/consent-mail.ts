// NSPersonAgent.SendConsentConfirmationEmail: a person's consent confirmation as mail, made from a
// document template (its file in the sandbox's document archive, in the language of the LCID when
// it has one) with the template variables filled for the person and the person's company, sent
// through the run's outbox as Email.send sends (delivered by SMTP or kept in the store's outbox).
import { emailsOfPerson } from '../../crm/customer.js';
import { plainString } from '../../../runtime/values.js';
import { db, fail, hasTable } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';
import { substituteTags } from './template-vars.js';
import { templateText } from './template-files.js';
import { sendAgentMail } from './agent-mail.js';

const WHERE = 'NSPersonAgent.SendConsentConfirmationEmail';

/** The two-letter language of an LCID in LanguageInfo ('' for 0 or one the sandbox does not list: the template's own file). */
function languageOf(lcid: number): string {
  if (!lcid || !hasTable('LanguageInfo')) return '';
  const row = db().select('LanguageInfo', { columns: ['abbrev2'], where: [{ column: 'defaultLcid', op: '=', value: lcid }], limit: 1 })[0];
  return row ? String(col(row, 'abbrev2') ?? '') : '';
}

export const consentMail: Methods = {
  'SendConsentConfirmationEmail(Integer,String,Integer,Integer,String)': (_a: unknown, personId: number, emailAddress: string, templateId: number, lcid: number, subject: string) => {
    const person = personId > 0 ? db().get('person', personId) : null;
    if (!person) throw fail(WHERE, `there is no person with id ${personId}`);
    const to = plainString(emailAddress).trim() || (emailsOfPerson(personId)[0] ?? '');
    if (!to) throw fail(WHERE, `person ${personId} has no e-mail address to send the confirmation to (give one)`);
    if (!/^[^@\s]+@[^@\s]+$/.test(to)) throw fail(WHERE, `"${to}" is not an e-mail address`);
    const t = templateText(WHERE, templateId, languageOf(lcid));
    const src = { contactId: Number(col(person, 'contact_id') ?? 0) || 0, personId, appointmentId: 0, documentId: 0, saleId: 0, projectId: 0 };
    const body = substituteTags(t.text, t.encoding, src);
    const title = plainString(subject) || substituteTags(t.subject, 0, src);
    sendAgentMail(WHERE, [to], title, body, t.encoding === 1);
  },
};
