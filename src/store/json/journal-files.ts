/** The file names of the four journals of a JSON store beside store.json (see journals.ts). */
export const JOURNAL_FILES = { state: 'state.jsonl', runs: 'runs.jsonl', outbox: 'outbox.jsonl', edits: 'edits.jsonl' } as const;
