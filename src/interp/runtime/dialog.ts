// The dialog a trigger script asks the client to show (EventData.showDialog, with the
// EventDataDialogDefinition of stdlib/eventdata-dialog.ts), as the event's outcome carries it.

/** One input of a dialog. */
export interface DialogField {
  id: string;
  /** checkbox, date, datetime, float, integer, label, list, text, time, timespan */
  kind: string;
  label: string;
  default?: string | number | boolean;
  placeholder?: string;
  mandatory?: boolean;
  /** list: the CRM list it offers, or its own items */
  listName?: string;
  items?: string[];
  additionalInfo?: string;
  forceFlatList?: boolean;
  /** list: how a tree list is offered */
  allowRootSelection?: boolean;
  showFullPath?: boolean;
  hideEmptyRootsInSearch?: boolean;
  showAllChildrenInSearch?: boolean;
  /** timespan: blank allowed, and the units it shows */
  allowBlank?: boolean;
  days?: boolean;
  hours?: boolean;
  minutes?: boolean;
  seconds?: boolean;
}

/** A dialog as the outcome of a firing carries it (and toJSONString() writes it). */
export interface DialogDefinition {
  title: string;
  type: string;
  icon: string;
  text: string;
  markdown: string;
  prefix: string;
  width: number;
  height: number;
  blockExecutionOnCancel: boolean;
  fields: DialogField[];
}

/** The buttons a dialog type has, as the answer's `<prefix>button` names them ([] for a type we do not know). */
export function dialogButtons(type: string): string[] {
  switch (type.toLowerCase()) {
    case 'yesno':
      return ['yes', 'no'];
    case 'yesnocancel':
      return ['yes', 'no', 'cancel'];
    case 'okcancel':
      return ['ok', 'cancel'];
    case 'ok':
      return ['ok'];
    default:
      return [];
  }
}

