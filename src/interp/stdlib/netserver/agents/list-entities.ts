// The entities of SuperOffice's list tables that NSListAgent reads and writes: project types
// (ProjType) and sale types (SaleType), and the task list items of the Task table (NSAppointmentAgent
// and NSListAgent). A type's stages (GetStages) are the statuses or stages linked to it in
// SuperOffice's ProjectTypeStatusLink / SaleTypeStageLink tables (guide-stages.ts).
import type { NSObject } from '../object.js';
import { LIST_TABLE_COLS, loadWhere, register, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import { typeStages } from './guide-stages.js';

export const projectTypeEntityView: View = {
  cls: 'NSProjectTypeEntity',
  table: 'ProjType',
  key: 'ProjTypeId',
  cols: `${LIST_TABLE_COLS} ProjectDuration=projectDuration:i DurationUnit=durationUnit:i HasGuide=hasGuide:b IsAutoAdvance=isAutoAdvance:b`,
  required: [['Name', 'the project type name (SetName)']],
  calc: (o) => {
    o.f.Stages = typeStages('project', Number(o.f.ProjTypeId));
  },
};

export const saleTypeEntityView: View = {
  cls: 'NSSaleTypeEntity',
  table: 'SaleType',
  key: 'SaleTypeId',
  cols: [
    LIST_TABLE_COLS,
    'SaleDuration=saleDuration:i DurationUnit=durationUnit:i HasGuide=hasGuide:b IsAutoAdvance=isAutoAdvance:b SaleTypeCatId=saleTypeCat_id:i',
    'HasStakeholders=hasStakeholders:b AllowQuoteAlternatives=allowQuoteAlternatives:b DefaultQuoteValidity=defaultQuoteValidity:i',
    'QuoteLinesTemplate=quoteLinesTemplate:i ConfirmationLinesTemplate=confirmationLinesTemplate:i',
    'MaxDiscountPercentSet=maxDiscountPercentSet:b MinEarningPercentSet=minEarningPercentSet:b MaxDiscountPercent=maxDiscountPercent:i MinEarningPercent=minEarningPercent:i',
  ].join(' '),
  required: [['Name', 'the sale type name (SetName)']],
  calc: (o) => {
    o.f.Stages = typeStages('sale', Number(o.f.SaleTypeId));
  },
};

/** A row of the Task table (activity types) as NSTaskListItem. */
export const taskListItemView: View = {
  cls: 'NSTaskListItem',
  table: 'Task',
  key: 'TaskListItemId',
  cols: [
    'Value=name:s Tooltip=tooltip:s Rank=rank:i Deleted=deleted:b Type=record_type:i Direction=direction:i ColorIndex=color_index:i IntentId=intentId:i',
    'IsDefaultAlldayEvent=defaultAlldayEvent:b IsDefaultFree=defaultFreeBusy:b IsDefaultPublished=defaultPublishType:b DefaultVideomeetingStatus=default_videomeeting_status:i',
  ].join(' '),
  required: [['Value', 'the task name (SetValue)']],
};

register(projectTypeEntityView, saleTypeEntityView, taskListItemView);

/** The Task rows in rank order, deleted ones only when asked for. */
export function taskListItems(includeDeleted: boolean): NSObject[] {
  const all = loadWhere(taskListItemView, {}).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank));
  return includeDeleted ? all : all.filter((o) => !o.f.Deleted);
}

/** Get/CreateDefault/Save of the two type entities (the reference has no Delete for them). */
export const typeEntities: Methods = {
  'CreateDefaultProjectTypeEntity()': () => make('NSProjectTypeEntity', { ProjTypeId: 0, Stages: [] }),
  'GetProjectTypeEntity(Integer)': (_a: unknown, id: number) => byId(projectTypeEntityView, id),
  'SaveProjectTypeEntity(NSProjectTypeEntity)': (_a: unknown, o: NSObject) => saved('NSListAgent', 'SaveProjectTypeEntity', projectTypeEntityView, o),
  'CreateDefaultSaleTypeEntity()': () => make('NSSaleTypeEntity', { SaleTypeId: 0, Stages: [] }),
  'GetSaleTypeEntity(Integer)': (_a: unknown, id: number) => byId(saleTypeEntityView, id),
  'SaveSaleTypeEntity(NSSaleTypeEntity)': (_a: unknown, o: NSObject) => saved('NSListAgent', 'SaveSaleTypeEntity', saleTypeEntityView, o),
};
