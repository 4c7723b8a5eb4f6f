// NSProjectAgent.CreateNewEntry: a new project from a duplicate entry found in another source
// (NSDuplicateEntry). The sandbox has no duplicate-rule plug-ins to ask for more of the external
// record, so the project gets the entry's name and what CreateDefaultProjectEntity fills in (the
// run's user as owner); it returns the new project's id.
import { NSObject } from '../object.js';
import { fail } from './db.js';
import { saved, type Methods } from './define.js';
import { projectEntityView } from './sales-views.js';
import { projectAgent } from './sale-project.js';

const AGENT = 'NSProjectAgent';

function createFromEntry(agent: unknown, entry: unknown): number {
  const where = `${AGENT}.CreateNewEntry`;
  if (!(entry instanceof NSObject)) throw fail(where, 'there is no duplicate entry to create a project from');
  const projectName = String(entry.f.EntryName ?? '').trim();
  if (!projectName) throw fail(where, 'the duplicate entry has no name to give the project (SetEntryName)');
  const project = projectAgent['CreateDefaultProjectEntity()'](agent) as NSObject;
  project.f.Name = projectName;
  return Number(saved(AGENT, 'CreateNewEntry', projectEntityView, project).f.ProjectId);
}

export const projectEntry: Methods = {
  'CreateNewEntry(NSDuplicateEntry)': (agent: unknown, entry: unknown) => createFromEntry(agent, entry),
};
