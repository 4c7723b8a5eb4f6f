// How far sales and projects have come in their guides (guide-progress.ts) over the demo data:
// NSSaleAgent/NSProjectAgent's HasGuide, HasGuideActivities, the next stage or status and the
// offer to move on when the last guide item of a stage is completed; NSAppointmentAgent's
// ToggleAndSetActivities leaving out appointments that would each start a guide suggestion;
// NSListAgent's stage entities, suggestion ranks and the guides that use a document template.
// SQLite, and PostgreSQL when CRMSCRIPT_TUI_TEST_PG is set. The runs of a suite share one
// transaction, so each `it` builds on the ones before it.
//
// Demo (demo-guides.ts): sale 1 New business (guide, auto-advance; stages 1-5) at Proposal (3,
// link 3: follow-up 3 and document 1 "Quote"); sale 2 Service contract (no guide); sale 3 Upsell
// (guide, stages 2, 3, 5) at Closing; sale 5 Upsell at Qualified; project 1 Implementation
// (guide, auto-advance; statuses 1-3) at In progress (2, link 8: follow-up 8), with appointment 1
// made from follow-up 7 of Planned.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('guide progress of sales and projects', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const run = (src: string): string => runOk(f, src);

  it('HasGuide, GetNextSaleStage and GetNextProjectStatus follow the types and their stage links', () => {
    const out = run(`NSSaleAgent sa;
NSProjectAgent pa;
printLine(sa.HasGuide(1).toString() + " " + sa.HasGuide(2).toString() + " " + sa.HasGuide(5).toString() + " " + sa.HasGuide(99).toString() + " " + pa.HasGuide(1).toString() + " " + pa.HasGuide(99).toString());
printLine(sa.GetNextSaleStage(1, true).toString() + " " + sa.GetNextSaleStage(1, false).toString() + " " + sa.GetNextSaleStage(5, false).toString() + " " + sa.GetNextSaleStage(3, false).toString() + " " + sa.GetNextSaleStage(3, true).toString() + " " + sa.GetNextSaleStage(99, true).toString());
printLine(pa.GetNextProjectStatus(1).toString() + " " + pa.GetNextProjectStatus(99).toString());`);
    expect(out).toBe('true false true false true false\n3 4 3 0 5 0\n3 0\n');
  });

  it('HasGuideActivities: a follow-up or document of the sale or project made from a suggestion', () => {
    const out = run(`NSSaleAgent sa;
NSProjectAgent pa;
NSAppointmentAgent aa;
String before = sa.HasGuideActivities(1).toString() + " " + sa.HasGuideActivities(5).toString() + " " + pa.HasGuideActivities(1).toString();
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(5, 5, true, 0);
printLine(before + " | " + sa.HasGuideActivities(5).toString() + " " + sa.HasGuideActivities(1).toString());`);
    expect(out).toBe('false false true | true false\n');
  });

  it('OfferAutoNextStage/StatusOnApppointmentCompleted: the last guide item of the current stage, with a stage to go on to', () => {
    const out = run(`NSSaleAgent sa;
NSProjectAgent pa;
NSAppointmentAgent aa;
NSDocumentAgent da;
NSAppointmentEntity a = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(3, 1, true, 0);
Integer id = a.GetAppointmentId();
String s = sa.OfferAutoNextStageOnApppointmentCompleted(id).toString();
NSDocumentEntity d = da.CreateDefaultDocumentEntityFromSuggestion(1);
d.SetSale(sa.GetSale(1));
d = da.SaveDocumentEntity(d);
s += " " + sa.OfferAutoNextStageOnApppointmentCompleted(id).toString() + " " + pa.OfferAutoNextStatusOnApppointmentCompleted(id).toString();
NSAppointmentEntity up = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(5, 5, true, 0);
s += " " + sa.OfferAutoNextStageOnApppointmentCompleted(up.GetAppointmentId()).toString() + " " + sa.OfferAutoNextStageOnApppointmentCompleted(2).toString();
NSAppointmentEntity p = aa.CreateDefaultAppointmentEntityFromProjectSuggestion(8, 1, true, 0);
printLine(s + " | " + pa.OfferAutoNextStatusOnApppointmentCompleted(p.GetAppointmentId()).toString() + " " + pa.OfferAutoNextStatusOnApppointmentCompleted(1).toString() + " " + sa.OfferAutoNextStageOnApppointmentCompleted(p.GetAppointmentId()).toString());`);
    // sale 1: the quote is missing, then every item is there; sale 5 is an upsell (no auto-advance);
    // appointment 2 is no guide item; project 1: follow-up 8 is its stage's only item, appointment 1 an earlier status's
    expect(out).toBe('false true false false false | true false false\n');
  });

  it('a deleted stage is skipped, and kept by includeCurrentStage only while it is not deleted (NSSaleStageEntity)', () => {
    const out = run(`NSSaleAgent sa;
NSListAgent la;
NSSaleStageEntity st = la.GetSaleStageEntity(4);
String s = st.GetValue() + " " + st.GetProbability().toString() + " " + la.GetAllSaleStages(false).length().toString();
st.SetDeleted(true);
la.SaveSaleStageEntity(st);
NSSaleStageEntity three = la.GetSaleStageEntity(3);
three.SetDeleted(true);
la.SaveSaleStageEntity(three);
printLine(s + " | " + sa.GetNextSaleStage(1, false).toString() + " " + sa.GetNextSaleStage(1, true).toString() + " " + la.GetAllSaleStages(false).length().toString() + " " + la.GetAllSaleStages(true).length().toString());
three.SetDeleted(false);
la.SaveSaleStageEntity(three);
st.SetDeleted(false);
la.SaveSaleStageEntity(st);
NSSaleStageEntity n = la.CreateDefaultSaleStageEntity();
n.SetValue("Verbal yes");
n.SetProbability(90);
n = la.SaveSaleStageEntity(n);
printLine(n.GetSaleStageId().toString() + " " + la.GetSaleStageEntity(n.GetSaleStageId()).GetValue() + " " + sa.GetNextSaleStage(1, true).toString());`);
    expect(out).toBe('Negotiation 80 5 | 5 5 3 5\n6 Verbal yes 3\n');
  });

  it('ToggleAndSetActivities leaves out the appointments that would each start a guide suggestion', () => {
    const out = run(`NSAppointmentAgent aa;
NSSuggestedAppointmentEntity n = aa.CreateDefaultSuggestedAppointmentEntity();
n.SetName("Send a reminder");
n.SetAutoSuggest(true);
NSSaleTypeStageLink link;
link.SetSaleTypeStageLinkId(3);
n.SetSaleTypeStageLink(link);
n = aa.SaveSuggestedAppointmentEntity(n);
Integer a1 = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(3, 1, true, 0).GetAppointmentId();
Integer a2 = aa.CreateDefaultAppointmentEntityFromSaleSuggestion(3, 1, true, 0).GetAppointmentId();
String[] ids;
ids.pushBack("appointment_id=" + a1.toString());
ids.pushBack("appointment_id=2");
ids.pushBack("appointment_id=" + a2.toString());
String[] skipped = aa.ToggleAndSetActivities(ids);
String s = skipped.length().toString() + " " + (skipped[0] == ids[0]).toString() + " " + (skipped[1] == ids[2]).toString();
printLine(s + " " + aa.GetAppointmentEntity(2).GetCompleted().toString() + " " + aa.GetAppointmentEntity(a1).GetCompleted().toString() + aa.GetAppointmentEntity(a2).GetCompleted().toString());
String[] one;
one.pushBack("appointment_id=" + a1.toString());
one.pushBack("appointment_id=2");
printLine(aa.ToggleAndSetActivities(one).length().toString() + " " + aa.GetAppointmentEntity(a1).GetCompleted().toString() + aa.GetAppointmentEntity(2).GetCompleted().toString());
printLine(aa.ToggleAndSetActivities(one).length().toString() + " " + aa.GetAppointmentEntity(a1).GetCompleted().toString() + aa.GetAppointmentEntity(2).GetCompleted().toString());`);
    // appointment 2 is completed; then a1 alone (with 2) is completed, and toggled back to started (no rule when not completing)
    expect(out).toBe('2 true true 3 11\n0 33\n0 22\n');
  });

  it('NSListAgent ranks a stage\'s suggestions and names the guides that use a document template', () => {
    const out = run(`NSListAgent la;
NSAppointmentAgent aa;
NSDocumentAgent da;
Integer[] order;
order.pushBack(9);
order.pushBack(3);
la.SetRankOnSaleActivity(3, order);
String s = aa.GetSuggestedAppointment(3).GetRank().toString() + " " + aa.GetSuggestedAppointment(9).GetRank().toString();
Integer[] docs;
docs.pushBack(4);
la.SetRankOnProjectDocument(7, docs);
s += " " + da.GetSuggestedDocumentEntity(4).GetRank().toString();
try { la.SetRankOnSaleDocument(2, docs); } catch { s += " | " + error; }
printLine(s);
String names(String[] l) { String r; foreach (String i in l) r += i + ";"; return r; }
printLine(names(la.GetDocumentTemplateUsedInSalesStage(2)) + " " + names(la.GetDocumentTemplateUsedInSalesStage(1)) + " " + names(la.GetDocumentTemplateUsedInProjectStage(2)) + " " + la.GetDocumentTemplateUsedInProjectStage(1).length().toString());`);
    expect(out).toBe(
      '2 1 1 | NSListAgent.SetRankOnSaleDocument: there is no SuggestedDocument with id 4 on SaleTypeStageLink 2\n' + 'New business; New business; Implementation; 0\n',
    );
  });
});
