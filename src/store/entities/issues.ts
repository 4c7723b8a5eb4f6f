// Schema problems in words: one readable sentence naming where each problem is and what is wrong.
import { z } from 'zod';

/**
 * Turn schema problems into one readable sentence, e.g.
 * `scripts[3].name: must not be empty; tasks[0].frequency.time: must be a time of day as HH:MM`.
 * At most `max` problems are named.
 */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = formatPath(issue.path);
    return `${where || 'the document'}: ${issueText(issue)}`;
  });
  const more = error.issues.length - max;
  if (more > 0) parts.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // zod only includes the input when asked to (reportInput); its message names what it received.
      const missing = 'input' in issue ? issue.input === undefined : /received undefined/.test(issue.message);
      return missing ? 'is missing' : `must be ${article(issue.expected)}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_format':
      return issue.format === 'datetime' ? 'must be an ISO date-time' : issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
