// Generates src/interp/catalog.json (a compact form of the API catalog: class members with
// normalized parameter and return types) and src/triggers/catalog.json (the trigger events)
// from ../shared/data. Run: node scripts/gen-catalog.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const api = JSON.parse(readFileSync('../shared/data/crmscript-api.json', 'utf8'));
const fixes = { bool: 'Bool', Vodi: 'Void', integer: 'Integer', string: 'String', float: 'Float' };

function normalizeType(t) {
  if (t == null) return 'Void';
  const s = String(t).trim().replace(/['".]+$/g, '').replace(/\s+/g, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)((\[\])*)$/.exec(s);
  if (!m) return '?';
  return (fixes[m[1]] ?? m[1]) + m[2];
}

const classes = {};
for (const [name, c] of Object.entries(api.classes)) {
  const members = [];
  for (const m of c.members) {
    const short = m.name.includes('.') ? m.name.slice(m.name.lastIndexOf('.') + 1) : m.name;
    const mname = short.replace(/\(.*$/, '').trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(mname)) continue;
    const kind = m.kind === 'Constructor' ? 'C' : m.kind === 'Field' ? 'F' : 'M';
    if (kind === 'F') {
      const v = /=\s*(-?\d+)/.exec(m.signature ?? '');
      members.push(['F', mname, v ? Number(v[1]) : 0]);
      continue;
    }
    let params = m.params.map((p) => normalizeType(p.type));
    // a few entries lost their parameter list (or a parameter's type); the signature still has it
    const inSig = /\(([^)]*)\)/.exec(m.signature ?? '')?.[1]?.trim();
    const sigParams = inSig ? inSig.split(',').map((p) => normalizeType(p.trim().split(/\s+/)[0])) : [];
    if (!params.length && inSig) params = sigParams;
    if (params.includes('?') && sigParams.length === params.length) params = params.map((p, i) => (p === '?' ? sigParams[i] : p));
    let ret = kind === 'C' ? name : normalizeType(m.returns);
    // a few catalog entries have a garbled `returns`; the signature's first word is the type then
    if (ret === '?') ret = normalizeType((m.signature ?? '').trim().split(/\s+/)[0]);
    members.push([kind, mname, ret, params]);
    // NetServer pages whose parameter list lost entries the signature has (DateTime, NSStream, Map,
    // NS…[] parameters: GetContactDocuments(Integer contactId, DateTime startTime, DateTime
    // endTime, Integer count) is listed as (Integer, Integer)) or names another type than the
    // signature (NSChatAgent.SaveChatTopicEntity's chatTopicEntity listed as an
    // NSChatSessionEntity): real code calls the signature's form, so it is an overload too
    const differs = sigParams.length > params.length || (sigParams.length === params.length && sigParams.join() !== params.join());
    if (kind === 'M' && differs && !sigParams.includes('?')) members.push([kind, mname, ret, sigParams]);
    // NetServer pages with a garbled member name (SSetCategory, SetRegiSetUpdated): the signature
    // names the method scripts call; keep both spellings
    const sigName = /^\s*[A-Za-z_]\w*(?:\[\])*\s+([A-Za-z_]\w*)\s*\(/.exec(m.signature ?? '')?.[1];
    if (kind === 'M' && name.startsWith('NS') && sigName && sigName.toLowerCase() !== mname.toLowerCase())
      members.push([kind, sigName, ret, params]);
  }
  classes[name] = { kind: c.kind, members };
}
// a NetServer member typed with a carrier's name without its NS prefix (NSContactAgent.GetAddress
// returns "LocalizedField[][]" where NSPersonAgent.GetAddress returns NSLocalizedField[][];
// NSAppointmentAgent.AssignTo takes a "ParticipantInfo"): NetServer members take and give
// NetServer carriers, and the values are those carriers, so the type is the NS class
const nsTyped = (t) => {
  const base = t.replace(/(\[\])+$/, '');
  return !base.startsWith('NS') && classes['NS' + base] ? 'NS' + t : t;
};
for (const [n, c] of Object.entries(classes))
  if (n.startsWith('NS')) for (const m of c.members) if (m[0] === 'M') [m[2], m[3]] = [nsTyped(m[2]), m[3].map(nsTyped)];
// agent methods whose reference page declares another return type than the one NetServer gives
// (IContactAgent.GetAddress returns the Address carrier) and the reference's own generated example
// of the method assigns (`NSAddress res = agent.GetAddress(contactId);`)
const RETURNS = {
  'NSContactAgent.GetAddress': 'NSAddress',
  'NSContactAgent.GetAddressByCountry': 'NSAddress',
  'NSPersonAgent.GetAddress': 'NSAddress',
  'NSPersonAgent.GetAddressByCountry': 'NSAddress',
};
for (const [key, ret] of Object.entries(RETURNS)) {
  const [cls, method] = key.split('.');
  for (const m of classes[cls].members) if (m[0] === 'M' && m[1] === method) m[2] = ret;
}
// a member typed with an enum's name behind an NS prefix (NSExtAppEntity.GetExecuteOnEvent gives
// "NSExecuteOnEvent", NSDocumentTemplate.GetRecordType "NSDocTmplType"): the enum, which the API
// catalog has or, for DocTmplType, SuperOffice's database reference (the sandbox schema's enums)
const schemaEnums = JSON.parse(readFileSync('scripts/crm-schema-extra.json', 'utf8')).enums;
const enumOf = (t) => {
  const base = t.replace(/(\[\])+$/, '');
  const name = base.slice(2);
  if (!base.startsWith('NS') || classes[base]) return t;
  if (!classes[name] && schemaEnums[name]) classes[name] = { kind: 'Enum', members: schemaEnums[name].map((e) => ['F', e.name, e.value]) };
  return classes[name]?.kind === 'Enum' ? name + t.slice(base.length) : t;
};
for (const c of Object.values(classes)) for (const m of c.members) if (m[0] === 'M') [m[2], m[3]] = [enumOf(m[2]), m[3].map(enumOf)];
// enum constants are Integers (ActivityStatus.Started), so a member typed with an enum holds one
const enums = new Set(Object.entries(classes).filter(([, c]) => c.kind === 'Enum').map(([n]) => n));
const deEnum = (t) => (enums.has(t.replace(/(\[\])+$/, '')) ? 'Integer' + t.slice(t.indexOf('[') < 0 ? t.length : t.indexOf('[')) : t);
for (const c of Object.values(classes))
  for (const m of c.members) if (m[0] !== 'F' && m[0] !== 'C') [m[2], m[3]] = [deEnum(m[2]), m[3].map(deEnum)];
mkdirSync('src/interp', { recursive: true });
// one class a line: the checker parses only the lines of the classes a script names (catalog.ts)
const classLines = Object.entries(classes).map(([n, c]) => `${JSON.stringify(n)}:${JSON.stringify(c)}`);
writeFileSync('src/interp/catalog.json', `{"source":${JSON.stringify(api.source)},"classes":{\n${classLines.join(',\n')}\n}}\n`);

const trig = JSON.parse(readFileSync('../shared/data/triggers.json', 'utf8'));
mkdirSync('src/triggers', { recursive: true });
writeFileSync('src/triggers/catalog.json', JSON.stringify(trig, null, 1) + '\n');
console.log(`classes: ${Object.keys(classes).length}, triggers: ${trig.triggers.length}`);
