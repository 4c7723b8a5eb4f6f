// The demo data's sale and project guides and sale stakeholders: which stages (Prob) each sale type
// has and which statuses each project type has (SaleTypeStageLink, ProjectTypeStatusLink), the
// suggested follow-ups and documents of the guides' stages (SuggestedAppointment,
// SuggestedDocument), the stakeholder roles and the stakeholders of sales 1 and 4. Fixed ids from
// 1. A new sandbox gets them with the rest of the demo data; a sandbox made by an older build
// gets them when the tables are added (list-migration.ts).
//
// The lists they point to (demo-lists.ts): sale types 1 New business, 2 Upsell, 3 Service
// contract; stages 1 Lead, 2 Qualified, 3 Proposal, 4 Negotiation, 5 Closing; project types
// 1 Customer project, 2 Internal project, 3 Implementation; statuses 1 Planned, 2 In progress,
// 3 Completed, 4 Stopped; tasks 1 Meeting, 2 Phone call, 3 Video call, 4 Follow-up, 5 E-mail;
// document templates 1 Quote, 2 Letter, 3 E-mail.
import { items, STAMP, type Row } from './demo-lists.js';

/** Link rows (type → stage or status) in rank order within each type, ids counting on. */
function links(typeColumn: string, stageColumn: string, byType: [number, number[]][]): Row[] {
  const out: Row[] = [];
  for (const [type, stages] of byType)
    stages.forEach((stage, i) => out.push({ id: out.length + 1, [typeColumn]: type, [stageColumn]: stage, rank: i + 1, deleted: 0, ...STAMP }));
  return out;
}

/** [name, tooltip, anchor column, link id, own columns]: rows of a guide table ranked within their link. */
type Suggestion = [string, string, 'saleTypeStageLinkId' | 'projectTypeStatusLinkId', number, Row];

function suggestions(entries: Suggestion[]): Row[] {
  const rank = new Map<string, number>();
  return entries.map(([name, tooltip, anchor, link, own], i) => {
    const key = `${anchor}:${link}`;
    rank.set(key, (rank.get(key) ?? 0) + 1);
    return { id: i + 1, name, rank: rank.get(key)!, tooltip, deleted: 0, saleTypeStageLinkId: 0, projectTypeStatusLinkId: 0, [anchor]: link, ...own, ...STAMP };
  });
}

const SALE = 'saleTypeStageLinkId';
const PROJECT = 'projectTypeStatusLinkId';

/**
 * Sale type stages: New business 1-5 (links 1-5), Upsell 2, 3, 5 (links 6-8), Service contract 2,
 * 4, 5 (links 9-11). Project type statuses: Customer project 1-3 (links 1-3), Internal project 1,
 * 2, 4 (links 4-6), Implementation 1-3 (links 7-9).
 */
export const DEMO_GUIDES: Record<string, Row[]> = {
  StakeholderRole: items([
    ['Decision maker', 'Signs the contract'],
    ['Influencer', 'Has a say in the decision'],
    ['Technical evaluator', 'Checks that the solution works'],
    ['Partner', 'Delivers part of the solution with us'],
  ]),
  SaleTypeStageLink: links('saleType_id', 'stageId', [
    [1, [1, 2, 3, 4, 5]],
    [2, [2, 3, 5]],
    [3, [2, 4, 5]],
  ]),
  ProjectTypeStatusLink: links('projType_id', 'projStatus_id', [
    [1, [1, 2, 3]],
    [2, [1, 2, 4]],
    [3, [1, 2, 3]],
  ]),
  SuggestedAppointment: suggestions([
    ['Introductory call', 'Call the contact to present us', SALE, 1, { task_id: 2, daysFuture: 1, duration: 30, autoSuggest: 1, text: 'Present our company and ask about their needs.' }],
    ['Needs analysis meeting', 'Meet to map what the customer needs', SALE, 2, { task_id: 1, daysFuture: 7, duration: 90, autoSuggest: 1, text: 'Go through requirements, budget and time frame.' }],
    ['Present the proposal', 'Walk the customer through the quote', SALE, 3, { task_id: 3, daysFuture: 3, duration: 60, autoSuggest: 1, text: 'Present the proposal and answer questions.' }],
    ['Follow up on the proposal', 'Ask whether the proposal was well received', SALE, 4, { task_id: 2, daysFuture: 5, duration: 15, autoSuggest: 0, text: 'Ask for feedback on the proposal.' }],
    ['Upsell review', 'Review what the customer uses today', SALE, 6, { task_id: 1, daysFuture: 7, duration: 60, autoSuggest: 1, text: 'Look at current usage and needs.' }],
    ['Kick-off meeting', 'Start the project with the customer', PROJECT, 1, { task_id: 1, daysFuture: 2, duration: 120, autoSuggest: 1, isMilestone: 1, assignToMember: 1, text: 'Agree on scope, plan and contacts.' }],
    ['Installation kick-off', 'Plan the roll-out with the customer', PROJECT, 7, { task_id: 1, daysFuture: 3, duration: 120, autoSuggest: 1, isMilestone: 1, assignToMember: 1, text: 'Plan the installation and who does what.' }],
    ['Installation check', 'Check the installation on site', PROJECT, 8, { task_id: 3, daysFuture: 14, duration: 60, autoSuggest: 0, assignToMember: 1, text: 'Check that everything is installed and works.' }],
  ]),
  SuggestedDocument: suggestions([
    ['Quote', 'The quote for the sale', SALE, 3, { doctmpl_id: 1, header: 'Quote', our_ref: '' }],
    ['Meeting summary', 'A letter summing up the needs', SALE, 2, { doctmpl_id: 2, header: 'Summary of our meeting', our_ref: '' }],
    ['Order confirmation', 'Confirm the order to the customer', SALE, 5, { doctmpl_id: 2, header: 'Order confirmation', our_ref: '' }],
    ['Project plan', 'The plan agreed at kick-off', PROJECT, 7, { doctmpl_id: 2, header: 'Project plan', our_ref: '' }],
  ]),
  // sale 4 (Polar Software, a service contract): its decision maker, a partner's engineer and a
  // partner company without a person; sale 1 (Blue Fjord Hotels, new business): its buyer
  SaleStakeholder: [
    { id: 1, sale_id: 4, contact_id: 5, person_id: 11, rank: 1, stakeholderrole_id: 1, comment: 'Approves the budget' },
    { id: 2, sale_id: 4, contact_id: 3, person_id: 8, rank: 2, stakeholderrole_id: 3, comment: 'Reviews the integration' },
    { id: 3, sale_id: 4, contact_id: 2, person_id: 0, rank: 3, stakeholderrole_id: 4, comment: '' },
    { id: 4, sale_id: 1, contact_id: 4, person_id: 9, rank: 1, stakeholderrole_id: 1, comment: '' },
  ].map((r) => ({ ...r, ...STAMP })),
};

/** The guide and stakeholder tables, in the order they are created and filled. */
export const GUIDE_TABLES = Object.keys(DEMO_GUIDES);
