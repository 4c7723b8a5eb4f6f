// getCgiUrl and the program module URLs (getProgram*, getExternalProgram*) in runs that serve no
// web request: a stored script's run takes the operator's settings cgiUrl, `run FILE` (which
// reads no settings) has no base; module URLs take a query appended with "&", as SuperOffice's
// examples append one.
import { afterAll, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../crm/helpers.js';
import { cleanupTempDirs, tempDir } from '../common.js';

afterAll(cleanupTempDirs);

const LINKS = `printLine("[" + getCgiUrl() + "]");
printLine(getProgramTicket() + "&action=listTicket&ticketId=7");
printLine(getProgram(16) + " " + getProgram(2) + " [" + getProgram(64) + "]");
printLine(getExternalProgramCustomer() + " " + getProgramAjax());`;

it('a stored script builds links on the settings cgiUrl; a file run has only the paths', async () => {
  const home = tempDir('crm-links-');
  const file = join(home, 'links.crm');
  writeFileSync(file, LINKS);
  const plain = await cli(['run', file], home);
  expect(plain.err).toBe('');
  expect(plain.out).toBe('[]\n/scripts/ticket.fcgi?_sf=0&action=listTicket&ticketId=7\n/scripts/customer.fcgi?_sf=0 /scripts/admin.fcgi?_sf=0 []\n/scripts/customer.fcgi?_sf=0 /scripts/ajax.fcgi?_sf=0\n');
  expect((await cli(['settings', 'set', 'cgiUrl', 'https://crm.example.com/Cust1/CS/'], home)).code).toBe(0);
  expect((await cli(['scripts', 'add', '--name', 'Links', '--file', file], home)).code).toBe(0);
  const stored = await cli(['run', 'Links'], home);
  expect(stored.err).toBe('');
  const base = 'https://crm.example.com/Cust1/CS';
  expect(stored.out).toBe(
    `[${base}]\n${base}/scripts/ticket.fcgi?_sf=0&action=listTicket&ticketId=7\n${base}/scripts/customer.fcgi?_sf=0 ${base}/scripts/admin.fcgi?_sf=0 []\n${base}/scripts/customer.fcgi?_sf=0 ${base}/scripts/ajax.fcgi?_sf=0\n`,
  );
});
