// Small pieces every command shares: output, tables, errors meant for the user.
import { StoreError } from '../store/errors.js';
import { findMacro, requireScript } from '../store/repos.js';
import type { StoreData, TargetKind } from '../store/schema.js';
import { UnknownEventError } from '../triggers/catalog.js';
import { CrmDatabaseError } from '../crm/errors.js';
import { errorMessage } from '../interp/util/error-message.js';
import { fail } from './args.js';

export type { GlobalOptions } from './args.js';

/** An error whose message is meant for the user as is. */
export class CliError extends Error {}

/** The --script / --macro options of a command that runs or names one of them. */
export interface TargetOptions {
  script?: string;
  macro?: string;
}

/** The script or macro the options name (at most one of them), or undefined when they name none. */
export function targetFromOptions(d: StoreData, o: TargetOptions): { targetKind: TargetKind; targetId: string } | undefined {
  if (o.script !== undefined && o.macro !== undefined) throw new CliError('Give either --script or --macro, not both.');
  if (o.script !== undefined) return { targetKind: 'script', targetId: requireScript(d, o.script).id };
  if (o.macro !== undefined) {
    const m = findMacro(d, o.macro);
    if (!m) throw new CliError(`There is no macro named "${o.macro}".`);
    return { targetKind: 'macro', targetId: m.id };
  }
  return undefined;
}

// collectPairs and fail live in args.ts, which `run` loads without the store and catalogs
export { collectPairs, fail } from './args.js';

// out, printJson and formatTable live in output.ts, which `scripts list` loads without the rest
export { formatTable, out, printJson } from './output.js';

function isUserError(e: unknown): e is Error {
  return e instanceof CliError || e instanceof StoreError || e instanceof UnknownEventError || e instanceof CrmDatabaseError;
}

/** Wraps an action: errors become one line on stderr and exit status 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const msg = isUserError(e) ? e.message : `Unexpected error: ${errorMessage(e)}`;
      process.stderr.write(msg + '\n');
      fail();
    }
  };
}
