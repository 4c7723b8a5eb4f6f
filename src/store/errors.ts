/**
 * Errors raised by the store and its repositories. The message is always a
 * sentence a user can read (no stack, no schema dump); `code` lets callers
 * branch without parsing the text.
 */
export type StoreErrorCode =
  | 'invalid-file' // store.json is not valid JSON or fails the schema
  | 'newer-version' // store.json was written by a newer crmscript-tui
  | 'lock' // the inter-process lock could not be taken or was lost
  | 'missing' // store.json disappeared while the store was in use
  | 'io' // reading or writing the data directory failed
  | 'invalid' // an update produced data that fails the schema
  | 'not-found'
  | 'conflict' // e.g. a duplicate include name
  | 'bad-input';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

/** A short description of a Node fs error (e.g. "permission denied"). */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EEXIST':
      return 'it already exists';
    default:
      return err?.message ? String(err.message) : String(e);
  }
}
