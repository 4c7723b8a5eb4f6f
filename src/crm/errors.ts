// Errors of the CRM database that users see: a script sees them as CRMScript errors (catchable with
// try/catch), the CLI prints them as one line without a stack.
import { CrmError } from '../interp/runtime/values.js';

export class CrmDatabaseError extends CrmError {
  constructor(message: string) {
    super(message);
    this.name = 'CrmDatabaseError';
  }
}

export { closestNames, didYouMean } from '../interp/util/did-you-mean.js';
