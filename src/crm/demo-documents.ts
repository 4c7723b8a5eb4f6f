// The demo's document files, kept in the sandbox's stand-in for SuperOffice's document archive
// (document_archive, sandbox-tables.ts): the files of two document templates with SuperOffice's
// template variables ({name} the company, {atfn} the person's first name, {auth} the user, {onam}
// the user's company, ...): 3 "E-mail" (mail.htm, HTML) and 4 "Plain letter" (letter.txt, added
// to the demo's DocTmpl list in demo-lists.ts), and the quote templates 5 "Quote mail", 6
// "Quoted products" and 7 "Order confirmation" with the sandbox's quote tags; and document 2, a
// letter to Nina Hansen at Nordic Bikes made from template 4, with its first version. An older demo sandbox gains the template
// files (and template 4); document 2 only comes with a new sandbox (crm reset).
import type { Row } from './demo-lists.js';

const REG = '2025-01-06 09:00:00';
const CAROL = 3;

const MAIL_HTM = `<html>
<body>
<p>Hi {atfn},</p>
<p>Thank you for the talk about what {name} needs. I have put together a short summary and will follow up on {sdat}.</p>
<p>Best regards,<br>
{auth}<br>
{onam}</p>
</body>
</html>
`;

const LETTER_TXT = `{name}
Att: {attn}
{addr}
{zipc} {city}

{sdat}

Dear {atfn},

Thank you for your time. This letter sums up what we agreed on.

Kind regards
{auth}
{onam}
`;

const WELCOME_TXT = `Nordic Bikes AS
Att: Nina Hansen
Sykkelveien 1
0150 Oslo

07.03.2025

Dear Nina,

Thank you for your time. This letter sums up what we agreed on.

Kind regards
Carol Dahl
Sandbox Support Desk
`;

const QUOTE_MAIL_HTM = `<html>
<body>
<p>Hi {atfn},</p>
<p>Here is our quote {quote.number} for {name}: {quote.total} {quote.currency}, valid until {quote.expires}.</p>
<p>Best regards,<br>
{auth}<br>
{onam}</p>
</body>
</html>
`;

const QUOTED_PRODUCTS_HTM = `<html>
<body>
<h1>Quote {quote.number}</h1>
<p>{name}, att. {atfn} {atln}</p>
<table>
<tr><th>Product</th><th>Quantity</th><th>Price</th><th>Discount %</th><th>Total</th></tr>
{quote.lines}<tr><td>{line.name}</td><td>{line.quantity} {line.unit}</td><td>{line.price}</td><td>{line.discount}</td><td>{line.total}</td></tr>
{/quote.lines}</table>
<p>Total {quote.total} {quote.currency}</p>
</body>
</html>
`;

const ORDER_CONFIRMATION_TXT = `Order confirmation {quote.number}
{name}
Your order {quote.po}:
{quote.lines}{line.quantity} {line.unit} {line.name}: {line.total}
{/quote.lines}Total {quote.total} {quote.currency}
`;

const file = (text: string): Row => {
  const bytes = Buffer.from(text, 'utf8');
  return { size: bytes.length, data: bytes.toString('base64') };
};

/** The demo's rows of document_archive: the templates' files (the quote templates' from id 4), and document 2's first version. */
export const DEMO_ARCHIVE: Row[] = [
  { id: 1, document_id: 0, doctmpl_id: 3, template_name: '', language: '', version: 0, working: 0, associate_id: 1, registered: REG, ...file(MAIL_HTM) },
  { id: 2, document_id: 0, doctmpl_id: 4, template_name: '', language: '', version: 0, working: 0, associate_id: 1, registered: REG, ...file(LETTER_TXT) },
  { id: 4, document_id: 0, doctmpl_id: 5, template_name: '', language: '', version: 0, working: 0, associate_id: 1, registered: REG, ...file(QUOTE_MAIL_HTM) },
  { id: 5, document_id: 0, doctmpl_id: 6, template_name: '', language: '', version: 0, working: 0, associate_id: 1, registered: REG, ...file(QUOTED_PRODUCTS_HTM) },
  { id: 6, document_id: 0, doctmpl_id: 7, template_name: '', language: '', version: 0, working: 0, associate_id: 1, registered: REG, ...file(ORDER_CONFIRMATION_TXT) },
  { id: 3, document_id: 2, doctmpl_id: 0, template_name: '', language: '', version: 1, working: 0, description: 'First draft', associate_id: CAROL, registered: '2025-03-07 10:00:00', ...file(WELCOME_TXT) },
];

/** The archive rows an older demo sandbox gains: the templates' files (the quote templates' with their templates, quote-config-migration.ts). */
export const DEMO_TEMPLATE_FILES = DEMO_ARCHIVE.filter((r) => !r.document_id && Number(r.doctmpl_id) < 5);
export const DEMO_QUOTE_TEMPLATE_FILES = DEMO_ARCHIVE.filter((r) => !r.document_id && Number(r.doctmpl_id) >= 5);

/** Document 2 and its appointment row (the links: company 2, person 5, Carol, template 4). */
export const DEMO_DOCUMENT: Record<string, Row[]> = {
  document: [{ document_id: 2, name: 'welcome-nordic-bikes.txt', header: 'Letter: what we agreed on', our_ref: 'CD', your_ref: 'NH', appointment_id: 5, registered: REG }],
  appointment: [{ appointment_id: 5, contact_id: 2, person_id: 5, associate_id: CAROL, do_by: '2025-03-07 10:00:00', endDate: '2025-03-07 10:00:00', type: 4, status: 3, document_id: 2, registered: REG, task_idx: 4, group_idx: 1 }],
};
