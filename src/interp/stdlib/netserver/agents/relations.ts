// Relations between companies and persons: NSRelationAgent's contact relations and NSListAgent's
// relation definitions, over SuperOffice's relations, relationdefinition and relationtarget
// tables. A relation's two ends are each a table number (contact 5, person 6) and a record id;
// NetServer shows an end as a company and, when the end is a person, that person too (with the
// person's company). A definition's Source and Destination are RelationTarget values (1 Contact,
// 2 Person, 3 Both): the tables its relationtarget rows allow at each end.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, LIST_TABLE_COLS, lookup, register, remove, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import { personName } from './people-views.js';

/** The reference's table numbers of the tables a relation connects. */
const CONTACT = 5;
const PERSON = 6;
/** RelationTarget: the bit of each table. */
const BIT: Record<number, number> = { [CONTACT]: 1, [PERSON]: 2 };
const TARGETS = '1 Contact, 2 Person, 3 Both';
const TARGET_NAMES = `RelationTarget ${TARGETS}`;

const targetRows = (reldef: number): CrmRow[] =>
  db().select('relationtarget', { where: [{ column: 'reldef_id', op: '=', value: reldef }], orderBy: [{ column: 'reltarget_id' }] });

/** The tables a RelationTarget value stands for. */
const tablesOf = (target: number): number[] => [CONTACT, PERSON].filter((t) => target & BIT[t]!);

/** Writes a definition's relationtarget rows: every pair of its source and destination tables, keeping the rows that stay. */
function writeTargets(reldef: number, source: number, destination: number): void {
  const want = new Set(tablesOf(source).flatMap((s) => tablesOf(destination).map((d) => `${s}>${d}`)));
  for (const r of targetRows(reldef)) {
    const pair = `${Number(col(r, 'source_table'))}>${Number(col(r, 'destination_table'))}`;
    if (!want.delete(pair)) db().delete('relationtarget', Number(col(r, 'reltarget_id')));
  }
  const at = db().now();
  const who = db().actor().associateId;
  for (const pair of want) {
    const [s, d] = pair.split('>').map(Number);
    db().insert('relationtarget', { reldef_id: reldef, source_table: s, destination_table: d, bidirectional: 0, registered: at, registered_associate_id: who, updated: at, updated_associate_id: who, updatedCount: 0 });
  }
}

export const relationDefinitionView: View = {
  cls: 'NSRelationDefinitionEntity',
  table: 'relationdefinition',
  key: 'ReldefId',
  cols: `${LIST_TABLE_COLS} PassiveText=passive_text:s`,
  required: [
    ['Name', 'the active text (SetName)'],
    ['Source', `the source (SetSource: ${TARGET_NAMES})`],
    ['Destination', `the destination (SetDestination: ${TARGET_NAMES})`],
  ],
  calc: (o) => {
    const rows = targetRows(Number(o.f.ReldefId));
    const bits = (c: string): number => rows.reduce((n, r) => n | (BIT[Number(col(r, c))] ?? 0), 0);
    o.f.Source = bits('source_table');
    o.f.Destination = bits('destination_table');
  },
  afterSave: (o, id) => writeTargets(id, Number(o.f.Source), Number(o.f.Destination)),
};

/** Sets an end's ids and names: a person end shows the person and the person's company. */
function showEnd(o: NSObject, end: 'Source' | 'Destination', table: number, record: number): void {
  const person = table === PERSON ? record : 0;
  const contact = person ? Number(lookup('person', person, 'contact_id') || 0) : record;
  Object.assign(o.f, {
    [`${end}ContactId`]: contact,
    [`${end}ContactName`]: lookup('contact', contact, 'name'),
    [`${end}PersonId`]: person,
    [`${end}PersonName`]: personName(person),
  });
}

/** An end of an entity as [table number, record id]: its person when it has one, else its company. */
function endOf(o: NSObject, end: 'Source' | 'Destination'): [number, number] {
  const person = Number(o.f[`${end}PersonId`] ?? 0);
  return person ? [PERSON, person] : [CONTACT, Number(o.f[`${end}ContactId`] ?? 0)];
}

export const contactRelationView: View = {
  cls: 'NSContactRelationEntity',
  table: 'relations',
  key: 'RelationId',
  cols: 'RelationDefinitionId=reldef_id:i Comment=relcomment:s Reversed=reversed:i',
  audit: true,
  required: [
    ['RelationDefinitionId', 'the relation definition (SetRelationDefinitionId)'],
    ['SourceContactId', 'the source company (SetSourceContactId)'],
    ['DestinationContactId', 'the destination company (SetDestinationContactId)'],
  ],
  calc: (o, row) => {
    showEnd(o, 'Source', Number(col(row, 'source_table') ?? 0), Number(col(row, 'source_record') ?? 0));
    showEnd(o, 'Destination', Number(col(row, 'destination_table') ?? 0), Number(col(row, 'destination_record') ?? 0));
    // reversed: the relation reads from its destination to its source in the definition's words,
    // so from its source it reads with the definition's passive text (not documented; how the
    // two texts of a definition work)
    const def = Number(o.f.RelationDefinitionId);
    const [active, passive] = [lookup('relationdefinition', def, 'name'), lookup('relationdefinition', def, 'passive_text')];
    [o.f.ActiveText, o.f.PassiveText] = o.f.Reversed ? [passive, active] : [active, passive];
  },
  extra: (o, old) => {
    const [st, sr] = endOf(o, 'Source');
    const [dt, dr] = endOf(o, 'Destination');
    const row: CrmRow = { source_table: st, source_record: sr, destination_table: dt, destination_record: dr };
    // a new relation is the run's user's, in the user's group
    if (!old) Object.assign(row, { associateId: db().actor().associateId, group_idx: Number(lookup('associate', db().actor().associateId, 'group_idx') || 0) });
    return row;
  },
};

register(relationDefinitionView, contactRelationView);

/** Refuses an end whose company or person does not exist, or whose person is another company's. */
function checkEnd(where: string, o: NSObject, end: 'Source' | 'Destination'): void {
  const contact = Number(o.f[`${end}ContactId`] ?? 0);
  const person = Number(o.f[`${end}PersonId`] ?? 0);
  if (contact && !db().get('contact', contact)) throw fail(where, `${end}ContactId ${contact} does not exist (there is no contact row with that id)`);
  if (!person) return;
  const row = db().get('person', person);
  if (!row) throw fail(where, `${end}PersonId ${person} does not exist (there is no person row with that id)`);
  if (Number(col(row, 'contact_id') ?? 0) !== contact) throw fail(where, `person ${person} (${end}PersonId) does not belong to company ${contact} (${end}ContactId)`);
}

const TABLE_WORD: Record<number, string> = { [CONTACT]: 'company', [PERSON]: 'person' };

function saveRelation(o: NSObject): NSObject {
  const where = 'NSRelationAgent.SaveContactRelation';
  if (o instanceof NSObject) {
    checkEnd(where, o, 'Source');
    checkEnd(where, o, 'Destination');
    const def = Number(o.f.RelationDefinitionId ?? 0);
    if (def && !db().get('relationdefinition', def)) throw fail(where, `RelationDefinitionId ${def} does not exist (there is no relationdefinition row with that id)`);
    const [st] = endOf(o, 'Source');
    const [dt] = endOf(o, 'Destination');
    const [from, to] = o.f.Reversed ? [dt, st] : [st, dt];
    const allowed = targetRows(def).some((r) => Number(col(r, 'source_table')) === from && Number(col(r, 'destination_table')) === to);
    if (def && Number(o.f.SourceContactId ?? 0) && Number(o.f.DestinationContactId ?? 0) && !allowed)
      throw fail(where, `relation definition ${def} does not relate a ${TABLE_WORD[from]} to a ${TABLE_WORD[to]} (its relationtarget rows)`);
  }
  return saved('NSRelationAgent', 'SaveContactRelation', contactRelationView, o);
}

export const relationAgent: Methods = {
  'CreateDefaultContactRelationEntity()': () =>
    make('NSContactRelationEntity', { RelationId: 0, RelationDefinitionId: 0, Reversed: 0, SourceContactId: 0, SourcePersonId: 0, DestinationContactId: 0, DestinationPersonId: 0 }),
  'GetContactRelationEntity(Integer)': (_a: unknown, id: number) => byId(contactRelationView, id),
  'SaveContactRelation(NSContactRelationEntity)': (_a: unknown, o: NSObject) => saveRelation(o),
  'DeleteContactRelation(Integer)': (_a: unknown, id: number) => {
    remove(contactRelationView, id);
  },
};

/** NSListAgent's relation definitions (the reference has no Delete for them). */
export const relationDefinitions: Methods = {
  // a new definition may connect anything (Both to Both) until the script narrows it
  'CreateDefaultRelationDefinitionEntity()': () => make('NSRelationDefinitionEntity', { ReldefId: 0, Source: 3, Destination: 3, Rank: 0, Deleted: false }),
  'GetRelationDefinitionEntity(Integer)': (_a: unknown, id: number) => byId(relationDefinitionView, id),
  'SaveRelationDefinitionEntity(NSRelationDefinitionEntity)': (_a: unknown, o: NSObject) => {
    for (const end of ['Source', 'Destination'])
      if (o instanceof NSObject && (Number(o.f[end] ?? 0) & ~3) !== 0) throw fail('NSListAgent.SaveRelationDefinitionEntity', `${end} ${Number(o.f[end])} is no RelationTarget (${TARGETS})`);
    return saved('NSListAgent', 'SaveRelationDefinitionEntity', relationDefinitionView, o);
  },
};
