// NSProjectAgent's project events (ProjectEvent: one per project, the event's date, whether
// external persons may sign on and off and what they are told, the task a sign-on or sign-off
// registers, publishing and audience), the events as persons see them (NSProjectEvent: the
// project's name, description and owner beside the event's settings), and the project duplicate
// check by name. A person is signed on to an event when they are a member of its project (signing
// on makes them one). The sandbox has no audience tables (categories and interests an event is
// shown to), so VisibleForCategories and VisibleForPersonInterests stay empty and the lists are
// filtered by enabled and published events only.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { dateFromDb, dateToDb, db, fail, now } from './db.js';
import { col, load, lookup, register, remove, textOf, type View } from './view.js';
import { byId, entityCycle, make, type Methods } from './define.js';
import { associateName } from './people-views.js';

const AGENT = 'NSProjectAgent';

const SETTINGS =
  'ProjectId=project_id:i EventDate=eventDate:d Enabled=enabled:b SignOn=signOn:b SignOnText=signOnText:s SignOnConfirmationText=signOnConfirmationText:s SignOnTaskEnable=signOnTaskEnable:b SignOnTaskId=signOnTaskId:i SignOnTriggersAssign=signOnTriggersAssign:b SignOff=signOff:b SignOffText=signOffText:s SignOffConfirmationText=signOffConfirmationText:s SignOffTaskEnable=signOffTaskEnable:b SignOffTaskId=signOffTaskId:i SignOffTriggersAssign=signOffTriggersAssign:b';

export const projectEventEntityView: View = {
  cls: 'NSProjectEventEntity',
  table: 'ProjectEvent',
  key: 'ProjectEventId',
  cols: `${SETTINGS} IsPublished=isPublished:b PublishType=publishType:i PublishFrom=publishFrom:d PublishTo=publishTo:d IsVisibleForMembers=isVisibleForMembers:b IsVisibleForCategories=isVisibleForCategories:b IsVisibleForPersonInterests=isVisibleForPersonInterests:b`,
  audit: true,
  required: [['ProjectId', 'the project (SetProjectId)']],
  calc: (o: NSObject) => {
    o.f.Id = o.f.ProjectEventId;
    o.f.VisibleForCategories = [];
    o.f.VisibleForPersonInterests = [];
  },
};

export const projectEventView: View = {
  cls: 'NSProjectEvent',
  table: 'ProjectEvent',
  key: 'ProjectEventId',
  cols: SETTINGS,
  calc: (o: NSObject, row: CrmRow) => {
    const pid = Number(col(row, 'project_id') ?? 0);
    o.f.EventName = lookup('project', pid, 'name');
    o.f.Description = textOf(lookup('project', pid, 'text_id'));
    o.f.AssociateId = Number(lookup('project', pid, 'associate_id')) || 0;
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.IsSignedOn = false;
    o.f.SignOnPersonId = 0;
    o.f.SignOffPersonId = 0;
  },
};
register(projectEventEntityView, projectEventView);

const cycle = entityCycle(AGENT, 'ProjectEvent', projectEventEntityView, () =>
  // an enabled event of no project yet, visible to the project's members
  make('NSProjectEventEntity', { ProjectEventId: 0, Id: 0, ProjectId: 0, Enabled: true, IsVisibleForMembers: true, VisibleForCategories: [], VisibleForPersonInterests: [] }),
);

function eventRow(projectId: number): CrmRow | null {
  if (!projectId) return null;
  return db().select('ProjectEvent', { where: [{ column: 'project_id', op: '=', value: projectId }], orderBy: [{ column: 'ProjectEvent_id' }], limit: 1 })[0] ?? null;
}

const eventId = (r: CrmRow | null): number => (r ? Number(col(r, 'ProjectEvent_id') ?? 0) : 0);

function save(a: unknown, o: NSObject): NSObject {
  const where = `${AGENT}.SaveProjectEventEntity`;
  if (o instanceof NSObject) {
    const pid = Number(o.f.ProjectId ?? 0);
    if (pid && !db().get('project', pid)) throw fail(where, `ProjectId ${pid} does not exist (there is no project row with that id)`);
    // a project has one event
    const other = eventId(eventRow(pid));
    if (other && other !== Number(o.f.ProjectEventId ?? 0)) throw fail(where, `project ${pid} has an event already (project event ${other})`);
    for (const prop of ['SignOnTaskId', 'SignOffTaskId']) {
      const t = Number(o.f[prop] ?? 0);
      if (t && !db().get('Task', t)) throw fail(where, `${prop} ${t} does not exist (there is no Task row with that id)`);
    }
  }
  return cycle['SaveProjectEventEntity(NSProjectEventEntity)'](a, o) as NSObject;
}

/** Whether an event is shown: enabled, and published now when it is published for a period. */
function shown(r: CrmRow): boolean {
  if (!Number(col(r, 'enabled') ?? 0)) return false;
  if (!Number(col(r, 'isPublished') ?? 0)) return true;
  // compared as 'YYYY-MM-DD hh:mm:ss', whatever form the engine hands dates back in
  const at = dateToDb(now()) ?? '';
  const from = dateToDb(dateFromDb(col(r, 'publishFrom') ?? null));
  const to = dateToDb(dateFromDb(col(r, 'publishTo') ?? null));
  return !((from && from > at) || (to && to < at));
}

function members(personId: number): Set<number> {
  return new Set(db().select('projectmember', { where: [{ column: 'person_id', op: '=', value: personId }] }).map((r) => Number(col(r, 'project_id') ?? 0)));
}

/** The event of row `r` as person `personId` sees it. */
function onPerson(r: CrmRow, personId: number, signedOn: Set<number>): NSObject {
  const o = load(projectEventView, eventId(r))!;
  const on = signedOn.has(Number(col(r, 'project_id') ?? 0));
  o.f.IsSignedOn = on;
  o.f.SignOnPersonId = on ? personId : 0;
  o.f.SignOffPersonId = on ? 0 : personId;
  return o;
}

function events(): CrmRow[] {
  return db().select('ProjectEvent', { orderBy: [{ column: 'eventDate' }, { column: 'ProjectEvent_id' }] });
}

/** The duplicate rule of GetDuplicates (the sandbox's own name: it has no rule plug-ins). */
const NAME_RULE = { RuleName: 'ProjectName', RuleDisplayName: 'Same project name' };

const sameText = (a: unknown, b: string): boolean => String(a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

export const projectEvents: Methods = {
  ...cycle,
  'SaveProjectEventEntity(NSProjectEventEntity)': save,
  'GetProjectEventEntityFromProjectId(Integer)': (_a: unknown, projectId: number) => byId(projectEventEntityView, eventId(eventRow(projectId))),
  'DeleteProjectEventEntityFromProjectId(Integer)': (_a: unknown, projectId: number) => {
    const id = eventId(eventRow(projectId));
    if (id) remove(projectEventEntityView, id);
  },
  'GetProjectEvent(Integer)': (_a: unknown, id: number) => byId(projectEventView, id),
  'GetProjectEventList(Integer[])': (_a: unknown, ids: unknown) => {
    const list = Array.isArray(ids) ? ids.map(Number).filter(Boolean) : [];
    return list.map((id) => load(projectEventView, id)).filter((o): o is NSObject => !!o);
  },
  // the shown events of the projects the current user owns
  'GetMyProjectEvents()': () => {
    const me = db().actor().associateId;
    return events()
      .filter((r) => shown(r) && Number(lookup('project', col(r, 'project_id'), 'associate_id')) === me)
      .map((r) => load(projectEventView, eventId(r))!);
  },
  // the shown events of the projects the person is a member of (signed on to)
  'GetProjectEventsOnPerson(Integer)': (_a: unknown, personId: number) => {
    const on = members(personId);
    return events()
      .filter((r) => shown(r) && on.has(Number(col(r, 'project_id') ?? 0)))
      .map((r) => onPerson(r, personId, on));
  },
  'GetProjectEventOnPerson(Integer,Integer)': (_a: unknown, projectId: number, personId: number) => {
    if (personId && !db().get('person', personId)) throw fail(`${AGENT}.GetProjectEventOnPerson`, `there is no person with id ${personId}`);
    const r = eventRow(projectId);
    if (!r) return byId(projectEventView, 0);
    return onPerson(r, personId, members(personId));
  },
  // projects whose name is the one given (letter case and outer blanks aside), by id
  'GetDuplicates(String)': (_a: unknown, name: string) => {
    if (!String(name ?? '').trim()) return [];
    return db()
      .select('project', { columns: ['project_id', 'name'], orderBy: [{ column: 'project_id' }] })
      .filter((r) => sameText(col(r, 'name'), name))
      .map((r) => {
        const id = Number(col(r, 'project_id'));
        return make('NSDuplicateEntry', { ...NAME_RULE, EntryIdentifier: String(id), EntryName: String(col(r, 'name') ?? '').trim(), SoPrimaryKey: String(id) });
      });
  },
  'GetDuplicateRules()': () => [make('NSDuplicateRule', { Name: NAME_RULE.RuleName, DisplayName: NAME_RULE.RuleDisplayName, DisplayTooltip: 'Projects with the same name', IsActive: true })],
};

