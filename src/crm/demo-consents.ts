// The demo data's GDPR consents: SuperOffice's two standard purposes (STORE "Sales and service",
// EMARKETING "E-marketing"), its legal bases (the GDPR's article 6(1) a-f, keys 61A-61F, and
// WITHDRAWN for a consent taken back), its consent sources (USER, EMAIL, ..., UNKNOWN) and the
// consents of the demo's customer persons (ConsentPerson). Fixed ids from 1, in rank order. A new
// sandbox gets them with the rest of the demo data; a sandbox made by an older build gets them
// when the tables are added (list-migration.ts).
//
// Persons (demo.ts): 5 Nina Hansen, 6 Ola Nordmann (Nordic Bikes), 7 Grace Miller, 8 Henry Stone
// (Acme Logistics), 9 Ingrid Lie (Blue Fjord Hotels), 10 Jonas Berg, 11 Kari Moe (Polar Software).
import { items, STAMP, type Row } from './demo-lists.js';

/** Purposes: [key, name, tooltip, consent text]. */
const PURPOSES: [string, string, string, string][] = [
  ['STORE', 'Sales and service', 'Keeping the person on file to sell to and serve them', 'I agree that my details are kept to handle sales and service'],
  ['EMARKETING', 'E-marketing', 'Sending the person newsletters and offers by e-mail', 'Yes, send me newsletters and offers by e-mail'],
];

/** Legal bases: [key, name, tooltip]. */
const LEGAL_BASES: [string, string, string][] = [
  ['61A', 'Consent', 'The person agreed (GDPR article 6(1) a)'],
  ['61B', 'Contract', 'Needed for a contract with the person (6(1) b)'],
  ['61C', 'Legal obligation', 'Required by law (6(1) c)'],
  ['61D', 'Vital interest', 'Protects someone\'s life (6(1) d)'],
  ['61E', 'Public interest', 'A task in the public interest (6(1) e)'],
  ['61F', 'Legitimate interest', 'Our legitimate interest (6(1) f)'],
  ['WITHDRAWN', 'Withdrawn', 'The person took the consent back'],
];

/** Sources: [key, name, tooltip]. */
const SOURCES: [string, string, string][] = [
  ['USER', 'Registered by a user', 'A user of the CRM entered it'],
  ['EMAIL', 'E-mail', 'The person wrote to us'],
  ['REQUEST', 'Request', 'The person asked for it'],
  ['CHAT', 'Chat', 'Given in a chat'],
  ['WEBFORM', 'Web form', 'Given on a form on our website'],
  ['CUSTOMERPORTAL', 'Customer portal', 'Given in the customer portal'],
  ['IMPORT', 'Import', 'Came with imported data'],
  ['API', 'API', 'Set by an integration'],
  ['UNKNOWN', 'Unknown', 'Where it came from is not known'],
];

const keyed = <T extends [string, string, string, ...string[]]>(entries: T[], own: (e: T) => Row = () => ({})): Row[] =>
  items(entries.map((e) => [e[1], e[2], { key: e[0], ...own(e) }]));

/** Ids of the rows above, by key. */
const PURPOSE = { STORE: 1, EMARKETING: 2 };
const LEGAL = { CONSENT: 1, CONTRACT: 2, LEGITIMATE: 6, WITHDRAWN: 7 };
const SOURCE = { USER: 1, EMAIL: 2, WEBFORM: 5, IMPORT: 7 };

/** [person, purpose, legal base, source, comment]. */
const CONSENTS: [number, number, number, number, string][] = [
  [5, PURPOSE.STORE, LEGAL.CONTRACT, SOURCE.USER, 'Customer with a service contract'],
  [6, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.USER, ''],
  [7, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.IMPORT, ''],
  [8, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.IMPORT, ''],
  [9, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.USER, ''],
  [10, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.USER, ''],
  [11, PURPOSE.STORE, LEGAL.LEGITIMATE, SOURCE.USER, ''],
  [5, PURPOSE.EMARKETING, LEGAL.CONSENT, SOURCE.WEBFORM, 'Signed up for the newsletter'],
  [9, PURPOSE.EMARKETING, LEGAL.CONSENT, SOURCE.EMAIL, 'Asked for offers by e-mail'],
  [7, PURPOSE.EMARKETING, LEGAL.WITHDRAWN, SOURCE.EMAIL, 'Unsubscribed'],
];

/** The consent tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_CONSENTS: Record<string, Row[]> = {
  ConsentPurpose: keyed(PURPOSES, (p) => ({
    consentText: p[3],
    formText: `${p[3]}. You can take this back at any time.`,
    privacyStatementDesc: 'How we handle personal data',
    privacyStatementUrl: 'https://sandbox.example/privacy',
    active: 1,
  })),
  LegalBase: keyed(LEGAL_BASES),
  ConsentSource: keyed(SOURCES),
  ConsentPerson: CONSENTS.map(([person, purpose, legal, source, comment], i) => ({
    id: i + 1,
    person_id: person,
    consentPurpose_id: purpose,
    legalBase_id: legal,
    consentSource_id: source,
    comment,
    ...STAMP,
  })),
};

/** The consent tables, in the order they are created and filled. */
export const CONSENT_TABLES = Object.keys(DEMO_CONSENTS);
