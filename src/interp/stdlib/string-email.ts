// E-mail addresses in Strings: validation and parsing of address lists.

const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export function isValidEmail(s: string): boolean {
  return EMAIL_RE.test(s.trim());
}

/**
 * Parses `"Name" <addr>, Other <addr2>, addr3` into [name, address] pairs.
 * Returns null when any address is malformed.
 */
export function parseEmailList(s: string): Array<[string, string]> | null {
  const parts: string[] = [];
  let cur = '';
  let inQuotes = false;
  let inAngle = false;
  for (const c of s) {
    if (c === '"' && !inAngle) inQuotes = !inQuotes;
    else if (c === '<' && !inQuotes) inAngle = true;
    else if (c === '>' && !inQuotes) inAngle = false;
    if ((c === ',' || c === ';') && !inQuotes && !inAngle) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  const out: Array<[string, string]> = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let name = '';
    let addr = p;
    const m = /^(.*)<([^<>]*)>\s*$/.exec(p);
    if (m) {
      name = m[1].trim();
      if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
      addr = m[2].trim();
    }
    if (!isValidEmail(addr)) return null;
    out.push([name, addr]);
  }
  return out;
}
