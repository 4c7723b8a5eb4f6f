// NetServer entities and carriers in a paused frame: their properties, nested carriers and arrays.
import { describe, expect, it } from 'vitest';
import { debug, find, values } from './helpers.js';

const SOURCE = `NSContactEntity c;
c.SetName("Acme");
c.SetContactId(7);
NSAssociate a;
a.SetName("SAL");
c.SetAssociate(a);
NSEntityElement e;
e.SetValue("post@acme.example");
NSEntityElement[] emails;
emails.pushBack(e);
c.SetEmails(emails);
debugWait("look");
`;

describe('NetServer values in the debugger', () => {
  it('shows an entity with the properties set and expands nested carriers and arrays', async () => {
    const s = debug(SOURCE, { stopOnEntry: false });
    await s.waitForStop();
    const c = find((await s.getVariables()).locals, 'c');
    expect(c).toMatchObject({ type: 'NSContactEntity', value: 'NSContactEntity {Associate: NSAssociate {…}, ContactId: 7, Emails: [1], Name: "Acme"}', count: 4 });
    const props = await s.getChildren(c.ref);
    expect(props.map((p) => `${p.name}:${p.type}`)).toEqual(['Associate:NSAssociate', 'ContactId:Integer', 'Emails:NSEntityElement[]', 'Name:String']);
    expect(values(await s.getChildren(find(props, 'Associate').ref))).toEqual({ Name: '"SAL"' });
    const list = await s.getChildren(find(props, 'Emails').ref);
    expect(values(await s.getChildren(list[0].ref))).toEqual({ Value: '"post@acme.example"' });
  });
});
