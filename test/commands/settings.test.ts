// `settings` through the built CLI (npm test builds first).
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuiltCli } from '../common.js';

let dir = '';
const cli = (...args: string[]) => runBuiltCli(['--data-dir', dir, 'settings', ...args]);
const stored = () => JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')).settings;

describe('crmscript-tui settings', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-settings-'));
  });
  it('shows every setting with its value', () => {
    const r = cli();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/features\.http\s+false/);
    expect(r.out).toMatch(/runTimeoutSeconds\s+60/);
  });
  it('turns features on and changes limits in the store', () => {
    expect(cli('set', 'features.http', 'on').out).toBe('features.http = true\n');
    expect(cli('set', 'runTimeoutSeconds', '5').code).toBe(0);
    expect(stored().features.http).toBe(true);
    expect(stored().runTimeoutSeconds).toBe(5);
  });
  it('needs an SMTP host before other SMTP settings, and hides the password', () => {
    const first = cli('set', 'smtp.port', '25');
    expect(first.code).toBe(1);
    expect(first.err).toMatch(/Set smtp\.host first/);
    cli('set', 'smtp.host', 'mail.example.com');
    cli('set', 'smtp.password', 'hunter2');
    expect(stored().smtp).toMatchObject({ host: 'mail.example.com', password: 'hunter2', port: 587 });
    expect(cli('show', '--json').out).not.toContain('hunter2');
    cli('unset-smtp');
    expect(stored().smtp).toBeNull();
  });
  it('refuses unknown settings and bad values with a sentence', () => {
    expect(cli('set', 'nope', '1').err).toMatch(/There is no setting "nope"/);
    const bad = cli('set', 'features.file', 'maybe');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('features.file takes on or off (true/false), not "maybe".\n');
  });
  it('takes the public base URL of web endpoints as an http(s) URL, or empty', () => {
    expect(cli('set', 'cgiUrl', 'https://crm.example.com/cust1').out).toBe('cgiUrl = https://crm.example.com/cust1\n');
    expect(stored().cgiUrl).toBe('https://crm.example.com/cust1');
    expect(cli('set', 'cgiUrl', 'javascript:alert(1)').err).toMatch(/cgiUrl takes an http\(s\) URL/);
    expect(cli('set', 'cgiUrl', 'https://crm.example.com/?x=1').code).toBe(1);
    expect(cli('set', 'cgiUrl', '').code).toBe(0);
    expect(stored().cgiUrl).toBe('');
  });
});
