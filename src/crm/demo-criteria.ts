// The demo data's dynamic selection: "Carol's companies and hotels", the companies Carol
// (associate 3) owns or whose name has "Hotel" in it (Nordic Bikes, Acme Logistics, Blue Fjord
// Hotels), kept as SuperOffice keeps a dynamic selection's criteria: a SearchCriteria row owned
// by the selection (ownerType 1, ownerTable 23, ownerId its id), two groups (OR-ed: a company is a
// member when either holds), each with one criterion and its value. The members are not stored;
// they are what the criteria find (NSSelectionAgent, getSelectionIds). A sandbox made by an older
// build gets the selection and its criteria when the tables come (list-migration.ts).
import { STAMP, type Row } from './demo-lists.js';

export const CRITERIA_TABLES = ['SearchCriteria', 'SearchCriteriaGroup', 'SearchCriterion', 'SearchCriterionValue'];

const SELECTION_TABLE = 23;
/** SearchCriteria.ownerType of a selection's criteria (as SuperOffice stores them). */
const SELECTION_OWNER = 1;

/** The dynamic selection (selection_id 2): of companies and persons (targetTableNumber 5), in the category Customers. */
export const DEMO_DYNAMIC_SELECTION: Row = {
  id: 2,
  associate_id: 3,
  group_idx: 1,
  name: "Carol's companies and hotels",
  seltype: 1,
  targetTableNumber: 5,
  memberCount: 3,
  searchCat_id: 1,
  registered: STAMP.registered,
  registered_associate_id: 3,
};

/** Its criteria: [group name, column, operator, value] a group, in rank order. */
const GROUPS: [string, string, string, string][] = [
  ['0', 'associateId', 'associateIsOneOf', '3'],
  ['1', 'name', 'contains', 'Hotel'],
];

export const DEMO_CRITERIA: Record<string, Row[]> = {
  SearchCriteria: [{ id: 1, name: '', ownerType: SELECTION_OWNER, ownerTable: SELECTION_TABLE, ownerId: DEMO_DYNAMIC_SELECTION.id, ...STAMP }],
  SearchCriteriaGroup: GROUPS.map(([name], i) => ({ id: i + 1, SearchCriteria_id: 1, name, direction: 0, rank: i, active: 1, ...STAMP })),
  SearchCriterion: GROUPS.map(([, column, operator], i) => ({ id: i + 1, SearchCriteriaGroup_id: i + 1, criterionId: 0, operatorId: 0, linkType: 0, active: 1, rank: 0, columnName: column, operatorName: operator, ...STAMP })),
  SearchCriterionValue: GROUPS.map(([, , , value], i) => ({ id: i + 1, SearchCriterion_id: i + 1, stringValue: value, longValue: /^\d+$/.test(value) ? Number(value) : null, rank: 0, ...STAMP })),
};
