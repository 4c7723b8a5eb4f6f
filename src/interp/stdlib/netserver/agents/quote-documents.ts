// NSQuoteAgent's quote documents, sending and orders. A quote's documents are documents of its
// sale (activities in the sandbox's document archive) made from document templates
// (quote-text.ts): the quoted products from the lines template (the one asked for, else the sale
// type's quoteLinesTemplate), the main document (the quote's DocumentId; a quote without one gets
// it from the first MainDocument template), the mail body from a MailBody template. Sending
// validates the version, makes the documents and mails them (with the version's included
// attachments, quote-attachments.ts) to the sale's person through the
// run's outbox (delivered by SMTP when the store has a server, else kept in its outbox, as
// Email.send does); the version becomes Sent (with a follow-up task
// of the sale at the date given). There is no ERP system: placing an order records it
// on the quote (accepted alternative, PO number, comment) and, when the sale is marked sold, makes
// the version Sold and the sale sold with the alternative's amount; the order's state is what the
// quote records; the order confirmation is the confirmation template filled in (not a PDF).
import type { NSObject } from '../object.js';
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { MailAttachment } from '../../../runtime/context.js';
import type { CrmDateTime } from '../../time/values.js';
import { db, dateToDb, fail, hasTable } from './db.js';
import { col, load, loadRef } from './view.js';
import { amend, found, make, saved, type Methods } from './define.js';
import { appointmentEntityView, documentEntityView } from './activity-views.js';
import { fullName } from './people-views.js';
import { fileBytes, latestVersion } from './document-archive.js';
import { writeDocument } from './document-files.js';
import { quoteAlternativeView } from './quote-views.js';
import { AGENT, at, DRAFTS, pluginResponse, records, STATE, stateName, type VersionRecords } from './quote-state.js';
import { fillQuote, template, templateOfType, sourcesOf } from './quote-text.js';
import { encodingOf } from './template-files.js';
import { sendAgentMail } from './agent-mail.js';
import { quoteWorkflow } from './quote-workflow.js';
import { includedAttachments, syncAttachments } from './quote-attachments.js';

/** DocTmplQuoteType. */
const DOC_TYPE = { MailBody: 1, MainDocument: 2, QuoteLines: 3, ConfirmationMailBody: 4, ConfirmationLines: 5 };

const saleTemplate = (r: VersionRecords, column: string): number => Number(r.saleType ? (col(r.saleType, column) ?? 0) : 0) || 0;

/** A new document of the quote's sale holding `text`, made from template `templateId`. */
function newDocument(method: string, r: VersionRecords, templateId: number, fileName: string, header: string, text: string): number {
  const doc = saved(AGENT, method, documentEntityView, make('NSDocumentEntity', { DocumentId: 0, Name: fileName, Header: header.slice(0, 200), OurRef: '', YourRef: '', Attention: '' }));
  const id = Number(doc.f.DocumentId);
  const appointment = Number(col(db().get('document', id) ?? {}, 'appointment_id') ?? 0);
  const src = sourcesOf(r);
  if (appointment) db().update('appointment', appointment, { contact_id: src.contactId || null, person_id: src.personId || null, sale_id: src.saleId || null, project_id: src.projectId || null, task_idx: templateId || null, status: 3 });
  writeDocument(method, id, Buffer.from(text, 'utf8'), true);
  return id;
}

const extOf = (fileName: string): string => (fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.')) : '.txt');

/** The quote's main document: its own, else one made from the first MainDocument template (0 when there is neither). */
function mainDocument(method: string, r: VersionRecords): number {
  const own = Number(r.quote.f.DocumentId) || 0;
  if (own && db().get('document', own)) return own;
  const tmpl = templateOfType(DOC_TYPE.MainDocument);
  if (!tmpl) return 0;
  const t = template(method, tmpl);
  const id = newDocument(method, r, tmpl, `quote-${String(r.version.f.Number || r.quote.f.QuoteId)}${extOf(t.fileName)}`, `Quote ${String(r.version.f.Number ?? '')}`.trim(), fillQuote(t, r));
  db().update('Quote', Number(r.quote.f.QuoteId), { DocumentId: id });
  return id;
}

/** The sale's person: e-mail address (the first by rank) and full name. */
function recipient(r: VersionRecords): { email: string; name: string } {
  const { personId, contactId } = sourcesOf(r);
  const first = (column: string, id: number): string => {
    if (!id) return '';
    const row = db().select('Email', { where: [{ column, op: '=', value: id }], orderBy: [{ column: 'rank' }] })[0];
    return row ? String(col(row, 'email_address') ?? '') : '';
  };
  const p = personId ? db().get('person', personId) : null;
  const name = p ? fullName(col(p, 'firstname'), col(p, 'middleName'), col(p, 'lastname')) : '';
  return { email: first('person_id', personId) || first('contact_id', contactId), name };
}

interface Generated {
  out: NSObject;
  mainId: number;
  linesId: number;
  attachments: number[];
}

function generate(method: string, versionId: number, bodyTemplate: number, attachMain: boolean, linesTemplate: number, includeAttachments: boolean, subject: string, confirmation = false): Generated {
  const r = records(method, versionId);
  if (includeAttachments && hasTable('QuoteVersionAttachment')) syncAttachments(method, versionId);
  const attachments = includeAttachments ? includedAttachments(versionId) : [];
  const to = recipient(r);
  const mainId = attachMain ? mainDocument(method, r) : 0;
  const linesTmpl = linesTemplate || saleTemplate(r, confirmation ? 'confirmationLinesTemplate' : 'quoteLinesTemplate');
  let linesId = 0;
  if (linesTmpl) {
    const t = template(method, linesTmpl);
    const accepted = confirmation ? Number(r.quote.f.AcceptedQuoteAlternativeId) || 0 : 0;
    linesId = newDocument(method, r, linesTmpl, `${confirmation ? 'order-confirmation' : 'quoted-products'}-${String(r.version.f.Number || versionId)}${extOf(t.fileName)}`, confirmation ? 'Order confirmation' : 'Quoted products', fillQuote(t, r, accepted));
  }
  const body = bodyTemplate ? fillQuote(template(method, bodyTemplate), r) : '';
  const out = make('NSQuotePublishDocuments', {
    QuoteDocumentId: mainId,
    QuotedProductsId: linesId,
    QuoteAttachmentIds: attachments,
    MailBody: body,
    MailSubject: fillQuote(String(subject ?? ''), r),
    ToEmail: to.email,
    ToFullName: to.name,
    ErrorMessage: '',
  });
  return { out, mainId, linesId, attachments };
}

/** A document's latest version as a mail attachment. */
function attachment(documentId: number): MailAttachment | null {
  const file = documentId ? latestVersion(documentId) : null;
  if (!file) return null;
  const name = String(col(db().get('document', documentId) ?? {}, 'name') ?? `document-${documentId}`);
  const enc = encodingOf(name);
  const contentType = enc === 1 ? 'text/html' : enc === 2 ? 'application/xml' : enc === 0 ? 'text/plain' : 'application/octet-stream';
  return { name, contentType, base64: fileBytes(file).toString('base64'), inline: false, cid: `quote-document-${documentId}@crmscript` };
}

/** A follow-up task of the quote's sale for the user at `when` (none when `when` has no value); its id or 0. */
function followUp(method: string, r: VersionRecords, when: CrmDateTime, text: string): number {
  const at = dateToDb(when);
  if (!at || at.startsWith('1970')) return 0;
  const src = sourcesOf(r);
  const props = {
    AppointmentId: 0,
    Associate: loadRef('NSAssociate', db().actor().associateId),
    Contact: loadRef('NSContact', src.contactId),
    Person: loadRef('NSPerson', src.personId),
    Sale: loadRef('NSSale', src.saleId),
    StartDate: when,
    EndDate: when,
    Type: 2,
    Completed: 1,
    Description: String(text ?? '') || `Follow up the quote ${String(r.version.f.Number ?? '')}`.trim(),
  };
  return Number(saved(AGENT, method, appointmentEntityView, make('NSAppointmentEntity', props)).f.AppointmentId) || 0;
}

function send(method: string, versionId: number, expiry: CrmDateTime, culture: string, followup: CrmDateTime, followupText: string): NSObject {
  const validated = quoteWorkflow['ValidateQuoteVersion(Integer,Integer)']!(null, versionId, 7) as NSObject;
  const r = records(method, versionId);
  const state = Number(r.version.f.State);
  if (state !== STATE.Draft && state !== STATE.DraftApproved)
    return pluginResponse(false, `quote version ${versionId} is ${stateName(state)} and cannot be sent${validated.f.IsOk ? '' : `: ${String(validated.f.UserExplanation)}`}`, 'NSPluginUrlResponse', 'NotSendable');
  const body = templateOfType(DOC_TYPE.MailBody);
  if (!body) return pluginResponse(false, 'there is no document template for quote mail bodies (a DocTmpl with quoteDocType MailBody)', 'NSPluginUrlResponse', 'NoMailTemplate');
  const subjectTemplate = template(method, body, culture).subject || `Quote ${String(r.version.f.Number ?? '')}`.trim();
  const g = generate(method, versionId, body, true, 0, true, subjectTemplate);
  const to = String(g.out.f.ToEmail);
  if (!to) return pluginResponse(false, 'the sale\'s person (or company) has no e-mail address to send the quote to', 'NSPluginUrlResponse', 'NoRecipient');
  const files = [g.mainId, g.linesId, ...g.attachments].map(attachment).filter((f): f is MailAttachment => !!f);
  const html = template(method, body).encoding === 1;
  sendAgentMail(at(method), [to], String(g.out.f.MailSubject), String(g.out.f.MailBody), html, files);
  const changes: CrmRow = { State: STATE.Sent, SentDate: db().now() };
  const expires = dateToDb(expiry);
  if (expires && !expires.startsWith('1970')) changes.ExpirationDate = expires;
  const task = followUp(method, r, followup, followupText);
  if (task) changes.FollowupId = task;
  amend('QuoteVersion', versionId, changes, at(method), 'quote version');
  return pluginResponse(true, `sent to ${to}`);
}

function placeOrder(method: string, alternativeId: number, sold: boolean, po: string, comment: string): NSObject {
  const alt = found(quoteAlternativeView, alternativeId, at(method), 'quote alternative');
  const versionId = Number(alt.f.QuoteVersionId);
  let r = records(method, versionId);
  if (Number(r.quote.f.ActiveQuoteVersionId) !== versionId) throw fail(at(method), `quote version ${versionId} is not the quote's active version (CreateAndSaveQuoteVersion makes an archived version active again as a copy)`);
  if (DRAFTS.includes(Number(r.version.f.State))) quoteWorkflow['ValidateQuoteVersion(Integer,Integer)']!(null, versionId, 8);
  r = records(method, versionId);
  const state = Number(r.version.f.State);
  if (![STATE.Draft, STATE.DraftApproved, STATE.Sent].includes(state as 1)) return pluginResponse(false, `quote version ${versionId} is ${stateName(state)}: an order is placed on a validated (and, when needed, approved) or sent version`, 'NSPluginUrlResponse', 'NotOrderable');
  amend('Quote', Number(r.quote.f.QuoteId), { AcceptedQuoteAlternativeId: alternativeId, PoNumber: String(po ?? ''), OrderComment: String(comment ?? '') }, at(method), 'quote');
  if (sold) {
    amend('QuoteVersion', versionId, { State: STATE.Sold }, at(method), 'quote version');
    const saleId = r.sale ? Number(col(r.sale, 'sale_id')) : 0;
    if (saleId) db().update('sale', saleId, { status: 2, done: 2, amount: Number(alt.f.TotalPrice), earning: Number(alt.f.EarningAmount), earning_percent: Number(alt.f.EarningPercent) });
  }
  return pluginResponse(true, `order placed for ${String(alt.f.Name)}${po ? ` (PO ${po})` : ''}; the sandbox has no ERP system to send it to`);
}

function orderState(method: string, versionId: number): NSObject {
  const r = records(method, versionId);
  const accepted = Number(r.quote.f.AcceptedQuoteAlternativeId) || 0;
  const alt = accepted ? load(quoteAlternativeView, accepted) : null;
  if (!alt || Number(alt.f.QuoteVersionId) !== versionId) return pluginResponse(false, `no order has been placed on quote version ${versionId}`, 'NSPluginUrlResponse', 'NoOrder');
  const po = String(r.quote.f.PoNumber ?? '');
  return pluginResponse(true, `ordered: ${String(alt.f.Name)}${po ? `, PO ${po}` : ''}, ${stateName(Number(r.version.f.State))}`);
}

function confirmation(method: string, versionId: number, templateId: number): string {
  const r = records(method, versionId);
  const id = templateId || saleTemplate(r, 'confirmationLinesTemplate') || templateOfType(DOC_TYPE.ConfirmationLines);
  if (!id) throw fail(at(method), 'there is no order confirmation template (pass its id, or set the sale type\'s ConfirmationLinesTemplate)');
  const t = template(method, id);
  return Buffer.from(fillQuote(t, r, Number(r.quote.f.AcceptedQuoteAlternativeId) || 0), 'utf8').toString('base64');
}

export const quoteDocuments: Methods = {
  'GenerateQuoteDocuments(Integer,Integer,Bool,Integer,Bool,String)': (_a: unknown, versionId: number, body: number, attachMain: boolean, lines: number, include: boolean, subject: string) =>
    generate('GenerateQuoteDocuments', versionId, body, attachMain, lines, include, subject).out,
  'SendQuoteVersion(Integer,DateTime,DateTime,String,String)': (_a: unknown, versionId: number, expiry: CrmDateTime, followup: CrmDateTime, text: string, culture: string) =>
    send('SendQuoteVersion', versionId, expiry, String(culture ?? ''), followup, String(text ?? '')),
  'PlaceOrder(Integer,Bool,String,String,String)': (_a: unknown, alternativeId: number, sold: boolean, po: string, comment: string) => placeOrder('PlaceOrder', alternativeId, !!sold, po, comment),
  'GetOrderState(Integer)': (_a: unknown, versionId: number) => orderState('GetOrderState', versionId),
  'GetOrderConfirmation(Integer,Integer)': (_a: unknown, versionId: number, templateId: number) => confirmation('GetOrderConfirmation', versionId, templateId),
};
