// NSQuoteAgent's quote version workflow, as SuperOffice's state machine runs it with the
// sandbox's own quote connector (the product register: there is no ERP system to ask).
// Validating works a draft version's sums out again and checks it (quote-state.ts): errors keep it
// DraftNotCalculated, problems that need approval make it DraftNeedsApproval (an approval given
// stands: DraftApproved and DraftNotApproved stay), a clean one becomes Draft. Approving and
// rejecting answer a version that needs approval. The dialog's state, status and buttons follow
// from the version's state; sent, archived, lost and sold versions are locked. Recalculating an
// alternative and updating a version's prices from the price lists' products are the connector's
// part; GetQuoteList gives the lists a quote version names by ERP key (payment and delivery
// terms and types, the product lists), from the sandbox's own list tables.
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, save } from './view.js';
import { amend, byId, found, make, type Methods } from './define.js';
import { alternativesOf, connectionOfAlternative, quoteAlternativeView, quoteCarrierView, quoteLineView, quoteVersionView, quoteView } from './quote-views.js';
import { productOfKey } from './quote-products.js';
import { recalculate, resum } from './quote-list.js';
import { at, checkVersion, DRAFTS, mustBeDraft, pluginResponse, records, STATE, stateName, STATUS, validated, versionOfAlternative, type VersionRecords } from './quote-state.js';

/** QuoteVersionButtonAction. */
const ACTION = { None: 0, ValidateVersion: 1, Edit: 2, Send: 3, Approve: 4, Reject: 5, ValidateVersionAndSendIfPossible: 7, ValidateVersionAndPlaceOrderIfPossible: 8, CloneVersion: 9, SendConfirmation: 10, GetOrderState: 11, UpdatePrices: 12 } as const;

function validate(method: string, versionId: number): NSObject {
  const r = records(method, versionId);
  const state = Number(r.version.f.State);
  if (!DRAFTS.includes(state)) return validated(r, true, `quote version ${versionId} is ${stateName(state)} and is not changed`, null);
  const check = checkVersion(r);
  let next: number = STATE.Draft;
  if (check.errors.length) next = STATE.DraftNotCalculated;
  else if (check.warnings.length) next = state === STATE.DraftApproved || state === STATE.DraftNotApproved ? state : STATE.DraftNeedsApproval;
  db().update('QuoteVersion', versionId, { State: next, LastRecalculated: db().now() });
  const fresh = records(method, versionId);
  if (check.errors.length) return validated(fresh, false, check.errors.join('; '), check, 'QuoteLineError');
  const why = next === STATE.DraftNeedsApproval ? `needs approval: ${check.warnings.join('; ')}` : next === STATE.DraftNotApproved ? 'approval was not granted' : 'ok';
  return validated(fresh, true, why, check);
}

/** Approving or rejecting a version that needs approval: who decided, when and why. */
function decide(method: string, versionId: number, associateId: number, text: string, approve: boolean): NSObject {
  const r = records(method, versionId);
  const state = Number(r.version.f.State);
  if (state !== STATE.DraftNeedsApproval) throw fail(at(method), `quote version ${versionId} is ${stateName(state)}: only a version that needs approval (DraftNeedsApproval) can be ${approve ? 'approved' : 'rejected'}`);
  if (associateId && !db().get('associate', associateId)) throw fail(at(method), `there is no associate with id ${associateId}`);
  const me = db().actor().associateId;
  amend('QuoteVersion', versionId, { State: approve ? STATE.DraftApproved : STATE.DraftNotApproved, ApprovedBy: associateId || me, ApprovedText: String(text ?? ''), ApprovedRegisteredBy: me, ApprovedRegisteredDate: db().now() }, at(method), 'quote version');
  return make('NSApproveRejectResponse', { CreatedAppointmentId: 0, PluginResponse: pluginResponse(true, approve ? 'approved' : 'rejected', 'NSPluginResponse') });
}

/** The worst status of the version, its alternatives and lines, with its reason. */
function statusInfo(r: VersionRecords): NSObject {
  const id = Number(r.version.f.QuoteVersionId);
  const alts = alternativesOf(id);
  const lines = alts.flatMap((a) => loadWhere(quoteLineView, { QuoteAlternativeId: Number(a.f.QuoteAlternativeId) }));
  const all = [r.version, ...alts, ...lines].map((o) => ({ status: Number(o.f.Status) || 0, reason: String(o.f.Reason ?? '') }));
  const top = all.reduce((w, s) => (s.status > w.status ? s : w), { status: STATUS.Ok, reason: '' });
  const hint = ['ok', 'info', 'warning', 'error'][top.status] ?? 'ok';
  const reasons = [...new Set(all.filter((s) => s.status > 0 && s.reason).map((s) => s.reason))];
  return make('NSQuoteVersionStatusInformation', { Status: top.status, IconHint: hint, DisplayMessage: top.reason || (top.status ? '' : stateName(Number(r.version.f.State))), DisplayTooltip: reasons.join('\n') });
}

const button = (action: number, text: string, enabled: boolean, tooltip = ''): NSObject =>
  make('NSQuoteVersionButtonState', { Action: action, DisplayText: text, Enabled: enabled, ImageHint: text.toLowerCase().replace(/\s+/g, '-'), TooltipText: tooltip });

function imageState(r: VersionRecords): NSObject {
  const state = Number(r.version.f.State);
  return make('NSQuoteVersionButtonState', { Action: ACTION.None, DisplayText: stateName(state), Enabled: true, ImageHint: stateName(state).toLowerCase(), TooltipText: String(r.version.f.Reason ?? '') });
}

/** The dialog's buttons in the version's state (an alternative to order is needed for ordering). */
function buttons(r: VersionRecords, alternativeId: number): NSObject[] {
  const state = Number(r.version.f.State);
  const draft = DRAFTS.includes(state);
  const sendable = state === STATE.Draft || state === STATE.DraftApproved;
  const orderable = (sendable || state === STATE.Sent) && !!alternativeId;
  return [
    button(ACTION.ValidateVersion, 'Validate', draft),
    button(ACTION.Edit, 'Edit', state === STATE.Sent, 'make a new draft version of a sent quote'),
    button(ACTION.Send, 'Send', sendable, sendable ? '' : 'a version is sent once it is validated (and approved, when it needs approval)'),
    button(ACTION.Approve, 'Approve', state === STATE.DraftNeedsApproval),
    button(ACTION.Reject, 'Reject', state === STATE.DraftNeedsApproval),
    button(ACTION.ValidateVersionAndPlaceOrderIfPossible, 'Place order', orderable),
    button(ACTION.CloneVersion, 'Copy version', true),
    button(ACTION.SendConfirmation, 'Send confirmation', state === STATE.Sold),
    button(ACTION.GetOrderState, 'Order state', state === STATE.Sold),
  ];
}

function workflow(method: string, versionId: number, alternativeId: number): NSObject {
  const r = records(method, versionId);
  if (alternativeId) found(quoteAlternativeView, alternativeId, at(method), 'quote alternative');
  const draft = DRAFTS.includes(Number(r.version.f.State));
  return make('NSQuoteVersionWorkflowState', { ActionButtons: buttons(r, alternativeId), StateImage: imageState(r), Status: statusInfo(r), UpdatePricesButton: button(ACTION.UpdatePrices, 'Update prices', draft) });
}

/** A version's line prices from the products they were made from (the quote's connection's price lists). */
function updatePrices(method: string, versionId: number): NSObject {
  const r = records(method, versionId);
  mustBeDraft(method, r.version);
  let changedAny = false;
  for (const alt of alternativesOf(versionId)) {
    const altId = Number(alt.f.QuoteAlternativeId);
    const connection = connectionOfAlternative(altId);
    for (const line of loadWhere(quoteLineView, { QuoteAlternativeId: altId })) {
      const p = productOfKey(connection, String(line.f.ERPProductKey ?? ''));
      if (!p) continue;
      const prices = { UnitListPrice: Number(p.f.UnitListPrice), UnitCost: Number(p.f.UnitCost), UnitMinimumPrice: Number(p.f.UnitMinimumPrice), VAT: Number(p.f.VAT) };
      if (Object.entries(prices).every(([k, v]) => Math.abs(Number(line.f[k]) - v) < 1e-9)) continue;
      Object.assign(line.f, prices);
      save(quoteLineView, recalculate(line), at(method));
      changedAny = true;
    }
    resum(altId);
  }
  if (changedAny) db().update('QuoteVersion', versionId, { State: STATE.DraftNotCalculated });
  return validate(method, versionId);
}

/** The lists of the sandbox's own connector by (lower-case) name: their tables. */
const QUOTE_LISTS: Record<string, string> = {
  paymentterms: 'PaymentTerms',
  paymenttype: 'PaymentType',
  deliveryterms: 'DeliveryTerms',
  deliverytype: 'DeliveryType',
  productcategory: 'ProductCategory',
  productfamily: 'ProductFamily',
  producttype: 'ProductType',
};

function quoteList(name: string): NSObject[] {
  const table = QUOTE_LISTS[String(name ?? '').trim().toLowerCase()];
  if (!table || !db().table(table)) return [];
  return db()
    .select(table)
    .filter((row) => !Number(col(row, 'deleted') ?? 0))
    .map((row) => make('NSQuoteListItem', { ERPQuoteListItemKey: String(col(row, `${table.toLowerCase()}_id`) ?? ''), DisplayValue: String(col(row, 'name') ?? ''), DisplayDescription: String(col(row, 'tooltip') ?? '') }));
}

/** SaveQuote: the quote's own fields, then its active version and favourite alternative when it carries them. */
function saveQuote(q: NSObject): NSObject {
  const where = at('SaveQuote');
  if (!q) throw fail(where, 'the quote is NULL');
  const entity = make('NSQuoteEntity', { ...q.f });
  delete entity.f.QuoteVersions;
  const id = save(quoteView, entity, where);
  const version = q.f.ActiveQuoteVersion as NSObject | undefined;
  if (version?.f && Number(version.f.QuoteVersionId)) {
    delete version.f.QuoteAlternatives;
    save(quoteVersionView, version, where);
  }
  const alt = q.f.FavoriteQuoteAlternative as NSObject | undefined;
  if (alt?.f && Number(alt.f.QuoteAlternativeId)) save(quoteAlternativeView, alt, where);
  return byId(quoteCarrierView, id);
}

export const quoteWorkflow: Methods = {
  'ValidateQuoteVersion(Integer,Integer)': (_a: unknown, versionId: number) => validate('ValidateQuoteVersion', versionId),
  'ApproveQuoteVersion(Integer,String,Integer,String)': (_a: unknown, id: number, _byText: string, by: number, text: string) => decide('ApproveQuoteVersion', id, by, text, true),
  'RejectQuoteVersion(Integer,String,Integer,String)': (_a: unknown, id: number, _byText: string, by: number, text: string) => decide('RejectQuoteVersion', id, by, text, false),
  'GetQuoteVersionWorkflowState(Integer,Integer)': (_a: unknown, id: number, alt: number) => workflow('GetQuoteVersionWorkflowState', id, alt),
  'GetQuoteVersionWorkflowButtonStates(Integer,Integer)': (_a: unknown, id: number, alt: number) => workflow('GetQuoteVersionWorkflowButtonStates', id, alt),
  'GetQuoteVersionWorkflowStatusInfo(Integer)': (_a: unknown, id: number) => statusInfo(records('GetQuoteVersionWorkflowStatusInfo', id)),
  'GetQuoteVersionWorkflowImageState(Integer)': (_a: unknown, id: number) => imageState(records('GetQuoteVersionWorkflowImageState', id)),
  // a number is valid when it is not blank, fits the column and no other quote's version has it; a locked version keeps its number
  'SaveQuoteVersionNumber(Integer,String)': (_a: unknown, id: number, number: string) => {
    const r = records('SaveQuoteVersionNumber', id);
    const value = String(number ?? '').trim();
    if (!value || value.length > 254 || !DRAFTS.includes(Number(r.version.f.State))) return false;
    const taken = loadWhere(quoteVersionView, { Number: value }).some((v) => Number(v.f.QuoteId) !== Number(r.quote.f.QuoteId));
    if (taken) return false;
    db().update('QuoteVersion', id, { Number: value });
    return true;
  },
  'RecalculateQuoteAlternative(Integer)': (_a: unknown, alternativeId: number) => {
    const method = 'RecalculateQuoteAlternative';
    const r = versionOfAlternative(method, alternativeId);
    let changed = false;
    if (DRAFTS.includes(Number(r.version.f.State))) {
      for (const line of loadWhere(quoteLineView, { QuoteAlternativeId: alternativeId })) {
        const before = JSON.stringify([line.f.TotalPrice, line.f.DiscountAmount, line.f.EarningAmount]);
        recalculate(line);
        if (before === JSON.stringify([line.f.TotalPrice, line.f.DiscountAmount, line.f.EarningAmount])) continue;
        save(quoteLineView, line, at(method));
        changed = true;
      }
      resum(alternativeId);
    }
    return make('NSQuoteAlternativeRecalculated', { ChangedQuoteAlternative: load(quoteAlternativeView, alternativeId), QuoteLinesHasChanged: changed });
  },
  'UpdateQuoteVersionPrices(Integer)': (_a: unknown, id: number) => updatePrices('UpdateQuoteVersionPrices', id),
  'GetQuoteList(String)': (_a: unknown, name: string) => quoteList(name),
  'SaveQuote(NSQuote)': (_a: unknown, q: NSObject) => saveQuote(q),
};

