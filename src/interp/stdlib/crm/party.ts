// What Customer (a person) and Company (a contact) share: phone numbers by type (phones.ts) and a
// note (a row of table text), set with setValue and written by save(), and forgotten when the
// object loads another record before saving.
import { crm, int } from './access.js';
import { CrmEntity, linked, type VirtualField } from './entity.js';
import { noteText } from './to-parser.js';
import { phoneOf, writePhone } from './phones.js';

export class CrmParty extends CrmEntity {
  /** Phone numbers set and not saved yet (phone type → number). */
  newPhones = new Map<number, string>();
  /** The note set and not saved yet (null: unchanged). */
  newNote: string | null = null;

  /** Forgets what was set and not saved (another record is about to be loaded). */
  forgetUnsaved(): void {
    this.newPhones.clear();
    this.newNote = null;
  }
}

/** The first number of a phone type: what was set, else what is stored. */
export function phoneField<E extends CrmParty>(type: number): VirtualField<E> {
  return { get: (e) => e.newPhones.get(type) ?? phoneOf(e.id, type), set: (e, v) => void e.newPhones.set(type, v) };
}

/** The note: what was set, else the text row the record links to. */
export function noteField<E extends CrmParty>(): VirtualField<E> {
  return { get: (e) => e.newNote ?? noteText(e.raw('text_id')), set: (e, v) => void (e.newNote = v) };
}

/** Writes an entity's note: updates its text row or adds one (of this TextType) and links it. */
export function saveNote(e: CrmEntity, textType: number, note: string): void {
  const c = crm();
  const textId = int(e.raw('text_id'));
  if (textId > 0 && linked('text', textId)) {
    c.update('text', textId, { text: note, updated: c.now(), updated_associate_id: c.actor().associateId });
    return;
  }
  if (note === '') return;
  const id = c.insert('text', { type: textType, owner_id: e.id, text: note, registered: c.now(), registered_associate_id: c.actor().associateId });
  c.update(e.def.table, e.id, { text_id: id });
  e.row.text_id = id;
}

/** After save(): the phones and the note set since loading (`textType`: the note's TextType). */
export function savePhonesAndNote(e: CrmParty, textType: number): void {
  for (const [type, number] of e.newPhones) writePhone(e.id, type, number);
  e.newPhones.clear();
  if (e.newNote !== null) saveNote(e, textType, e.newNote);
  e.newNote = null;
}

/** load(Integer) of a party: what was set and not saved does not carry over to the record loaded. */
export function loadParty(self: CrmParty, id: number): boolean {
  self.forgetUnsaved();
  return self.load(id);
}
