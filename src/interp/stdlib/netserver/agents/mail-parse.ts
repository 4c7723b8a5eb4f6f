// Reading an e-mail in RFC 822 / MIME form, as NSCustomerServiceAgent's *FromMailData methods get
// it: the header block (folded lines joined, RFC 2047 encoded words decoded), the sender, subject
// and Message-ID, the plain and HTML bodies (quoted-printable or base64, in their charset), and the
// attached files. Multipart parts nest; the first text/plain and text/html parts that are no
// attachment are the bodies, every other leaf part with a file name is an attachment.

export interface MailFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedMail {
  /** The header block as it came (lines unfolded), for the message's email_header. */
  header: string;
  subject: string;
  fromAddress: string;
  fromName: string;
  /** The From header as written (decoded). */
  from: string;
  messageId: string;
  text: string;
  html: string;
  files: MailFile[];
}

interface Part {
  headers: Map<string, string>;
  rawHeader: string;
  body: string;
}

/** Splits header block and body at the first empty line; header names in lower case, folded lines joined. */
function splitPart(raw: string): Part {
  const text = raw.replace(/\r\n/g, '\n');
  // a part that starts with an empty line has no headers
  const at = text.startsWith('\n') ? 0 : text.indexOf('\n\n');
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? '' : text.slice(at === 0 ? 1 : at + 2);
  const lines = head.replace(/\n[ \t]+/g, ' ').split('\n').filter(Boolean);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, rawHeader: lines.join('\n'), body };
}

/** A header parameter (charset, boundary, name, filename), quoted or not. */
function param(value: string, name: string): string {
  const m = new RegExp(`(?:^|;)\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? '') : '';
}

function charsetText(bytes: Buffer, charset: string): string {
  const cs = charset.trim().toLowerCase();
  if (!cs || cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(cs).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function qpBytes(text: string): Buffer {
  const soft = text.replace(/=\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    const hex = c === '=' ? /^[0-9A-Fa-f]{2}$/.exec(soft.slice(i + 1, i + 3)) : null;
    if (hex) {
      out.push(parseInt(hex[0], 16));
      i += 2;
    } else out.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(out);
}

/** A part's body as bytes, after its Content-Transfer-Encoding. */
function bodyBytes(p: Part): Buffer {
  const enc = (p.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable') return qpBytes(p.body);
  return Buffer.from(p.body, 'utf8');
}

/** Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) in a header value. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, cs: string, how: string, text: string) => {
    const bytes = how.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text.replace(/_/g, ' '));
    return charsetText(bytes, cs);
  });
}

/** The leaf parts of a (multipart) part, depth first. */
function leaves(p: Part, depth = 0): Part[] {
  const type = p.headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (!/^multipart\//i.test(type) || !boundary || depth > 10) return [p];
  const chunks = p.body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*$`, 'm'));
  // what comes before the first boundary and after the last is no part
  return chunks.slice(1, -1).flatMap((c) => leaves(splitPart(c.replace(/^\n/, '').replace(/\n$/, '')), depth + 1));
}

/** The address and display name of a From value ("Name <a@b>" or "a@b"). */
function sender(from: string): { address: string; name: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>/.exec(from);
  if (m) return { address: m[2]!.trim(), name: m[1]!.trim() };
  return { address: from.trim(), name: '' };
}

/** Reads an e-mail; throws a plain Error with what is wrong when the text is no mail. */
export function parseMail(raw: string): ParsedMail {
  const top = splitPart(raw);
  if (!top.headers.size || !top.headers.has('from')) throw new Error('the mail data has no From header (it must be an e-mail in RFC 822 form: headers, an empty line, the body)');
  const from = decodeWords(top.headers.get('from') ?? '');
  const { address, name } = sender(from);
  const mail: ParsedMail = {
    header: top.rawHeader,
    subject: decodeWords(top.headers.get('subject') ?? ''),
    fromAddress: address,
    fromName: name,
    from,
    messageId: (top.headers.get('message-id') ?? '').trim(),
    text: '',
    html: '',
    files: [],
  };
  let haveText = false;
  let haveHtml = false;
  for (const p of leaves(top)) {
    const type = (p.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const disposition = p.headers.get('content-disposition') ?? '';
    const fileName = decodeWords(param(disposition, 'filename') || param(p.headers.get('content-type') ?? '', 'name'));
    const attached = /^attachment/i.test(disposition) || (!!fileName && !/^text\/(plain|html)/.test(type));
    if (!attached && type.startsWith('text/plain') && !haveText) {
      mail.text = charsetText(bodyBytes(p), param(type, 'charset'));
      haveText = true;
    } else if (!attached && type.startsWith('text/html') && !haveHtml) {
      mail.html = charsetText(bodyBytes(p), param(type, 'charset'));
      haveHtml = true;
    } else if (fileName || attached) {
      mail.files.push({ name: fileName || 'attachment', contentType: type.split(';')[0]!.trim(), data: bodyBytes(p) });
    }
  }
  mail.text = mail.text.replace(/\n+$/, '\n').replace(/\n$/, '');
  return mail;
}
