// The headings that group document templates: SuperOffice keeps them as Heading rows of the
// DocTmpl list (listTableId 130) and files each template under headings with DocTmplHeadingLink.
// NSDocumentAgent's lists by template heading (document-extra.ts) take the documents made from the
// templates a heading groups (a document's appointment keeps its template in task_idx).
import { db } from './db.js';
import { col } from './view.js';

/** The document templates (DocTmpl ids) filed under a heading; none for a heading that groups none. */
export function templatesUnder(headingId: number): number[] {
  if (!headingId) return [];
  return db()
    .select('DocTmplHeadingLink', { columns: ['doctmpl_id'], where: [{ column: 'heading_id', op: '=', value: headingId }] })
    .map((r) => Number(col(r, 'doctmpl_id') ?? 0))
    .filter(Boolean);
}
