// GDPR consents: carriers over SuperOffice's ConsentPurpose, LegalBase, ConsentSource and
// ConsentPerson tables (src/crm/demo-consents.ts has the demo's rows). NSConsentPerson nests its
// purpose, legal base and source; NSConsentInfo is the flat summary of a ConsentPerson row that
// NSPersonAgent.GetConsentInfos and NSPersonEntity.GetConsents hand out.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { fromDb } from './db.js';
import { col, LIST_TABLE_COLS, loadRef, lookup, register, type View } from './view.js';

export const consentPurposeView: View = {
  cls: 'NSConsentPurpose',
  table: 'ConsentPurpose',
  key: 'ConsentPurposeId',
  cols: `${LIST_TABLE_COLS} Key=key:s ConsentText=consentText:s FormText=formText:s PrivacyStatementDesc=privacyStatementDesc:s PrivacyStatementUrl=privacyStatementUrl:s Active=active:i`,
  required: [
    ['Name', 'the purpose name (SetName)'],
    ['Key', 'the purpose key (SetKey)'],
  ],
  calc: (o, row) => {
    o.f.UpdatedDate = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedBy = loadRef('NSAssociate', Number(col(row, 'updated_associate_id') ?? 0));
  },
};

export const legalBaseView: View = {
  cls: 'NSLegalBase',
  table: 'LegalBase',
  key: 'LegalBaseId',
  cols: `${LIST_TABLE_COLS} Key=key:s`,
  required: [
    ['Name', 'the legal base name (SetName)'],
    ['Key', 'the legal base key (SetKey)'],
  ],
};

export const consentSourceView: View = {
  cls: 'NSConsentSource',
  table: 'ConsentSource',
  key: 'ConsentSourceId',
  cols: `${LIST_TABLE_COLS} Key=key:s MailTemplateId=mailTemplate_id:i`,
  required: [
    ['Name', 'the source name (SetName)'],
    ['Key', 'the source key (SetKey)'],
  ],
};

export const consentPersonView: View = {
  cls: 'NSConsentPerson',
  table: 'ConsentPerson',
  key: 'ConsentPersonId',
  cols: 'PersonId=person_id:i Comment=comment:s',
  refs: 'ConsentPurpose=consentPurpose_id>NSConsentPurpose LegalBase=legalBase_id>NSLegalBase ConsentSource=consentSource_id>NSConsentSource',
  required: [
    ['PersonId', 'the person (SetPersonId)'],
    ['ConsentPurpose', 'the purpose (SetConsentPurpose)'],
  ],
};

/** The purpose, legal base and source of a ConsentPerson row: id, key and name of each. */
function summary(o: { f: Record<string, unknown> }, row: CrmRow): void {
  for (const [prop, table, column] of [
    ['ConsentPurpose', 'ConsentPurpose', 'consentPurpose_id'],
    ['LegalBase', 'LegalBase', 'legalBase_id'],
    ['ConsentSource', 'ConsentSource', 'consentSource_id'],
  ] as const) {
    const id = Number(col(row, column) ?? 0);
    o.f[`${prop}Id`] = id;
    o.f[`${prop}Key`] = lookup(table, id, 'key');
    o.f[`${prop}Name`] = lookup(table, id, 'name');
  }
}

export const consentInfoView: View = {
  cls: 'NSConsentInfo',
  table: 'ConsentPerson',
  key: 'ConsentPersonId',
  cols: 'Comment=comment:s Registered=registered:d RegisteredAssociateId=registered_associate_id:i Updated=updated:d UpdatedAssociateId=updated_associate_id:i',
  calc: summary,
};

register(consentPurposeView, legalBaseView, consentSourceView, consentPersonView, consentInfoView);
