// `crmscript-tui settings`: show and change the store's settings (host access of scripts, run
// limits, SMTP for mail, the global tracing switch).
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import type { Settings } from '../store/schema.js';
import { updateSettings } from '../store/repos.js';
import { CliError, action, formatTable, out, printJson } from './common.js';

type Kind = 'bool' | 'number' | 'string';
/** Every setting that `settings set` accepts: its kind and what it means. */
const SETTINGS: Record<string, [Kind, string]> = {
  'features.runProgram': ['bool', 'scripts may start host programs (runProgram, getEnvVariable)'],
  'features.file': ['bool', 'scripts may read and write host files (File)'],
  'features.fileDirectory': ['string', 'the only directory File may use (empty: <data dir>/files)'],
  'features.http': ['bool', 'scripts and macros may send HTTP requests'],
  runTimeoutSeconds: ['number', 'wall-clock limit of a run, in seconds'],
  memoryLimitMb: ['number', 'heap limit of a run, in MB'],
  outputLimitMb: ['number', 'what a run may print (and log), in MB'],
  mailsPerRun: ['number', 'mails one run may send'],
  httpRunsMax: ['number', 'script runs the daemon runs at once over HTTP (more get 503)'],
  tracingEnabled: ['bool', 'the global Start/Stop tracing switch'],
  cgiUrl: ['string', "the public base URL getCgiUrl gives web endpoint scripts, e.g. https://crm.example.com (empty: each request's Host)"],
  'smtp.host': ['string', 'SMTP server for mail (unset: mail waits in the outbox)'],
  'smtp.port': ['number', 'SMTP port'],
  'smtp.secure': ['bool', 'use TLS from the start (port 465)'],
  'smtp.user': ['string', 'SMTP user name'],
  'smtp.password': ['string', 'SMTP password'],
  'smtp.from': ['string', 'sender address of outgoing mail'],
};

function parseValue(key: string, kind: Kind, raw: string): boolean | number | string {
  if (kind === 'bool') {
    if (/^(true|on|yes|1)$/i.test(raw)) return true;
    if (/^(false|off|no|0)$/i.test(raw)) return false;
    throw new CliError(`${key} takes on or off (true/false), not "${raw}".`);
  }
  if (kind === 'number') {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(`${key} takes a positive number, not "${raw}".`);
    return n;
  }
  if (key === 'cgiUrl' && raw !== '' && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(raw)) throw new CliError(`cgiUrl takes an http(s) URL without query, such as https://crm.example.com, or "" for none; not "${raw}".`);
  return raw;
}

function current(s: Settings, key: string): string {
  if (key === 'smtp.password') return s.smtp?.password ? '(set)' : '';
  const [a, b] = key.split('.');
  const v = b ? (s as unknown as Record<string, Record<string, unknown> | null>)[a]?.[b] : (s as unknown as Record<string, unknown>)[a];
  return v === undefined || v === null ? '' : String(v);
}

export function registerSettingsCommands(program: Command, openStore: () => Promise<Store>): void {
  const cmd = program.command('settings').description("show and change the store's settings (host access, run limits, SMTP, tracing)");
  cmd
    .command('show', { isDefault: true })
    .description('show every setting')
    .option('--json', 'print the settings as JSON (the SMTP password is left out)')
    .action(
      action(async (o: { json?: boolean }) => {
        const s = (await openStore()).read().settings;
        if (o.json) return printJson({ ...s, smtp: s.smtp ? { ...s.smtp, password: s.smtp.password ? '(set)' : '' } : null });
        out(formatTable(['SETTING', 'VALUE', 'MEANING'], Object.entries(SETTINGS).map(([k, [, help]]) => [k, current(s, k), help])));
      }),
    );
  cmd
    .command('set')
    .description('change a setting, e.g. "settings set features.http on"')
    .argument('<key>', `one of: ${Object.keys(SETTINGS).join(', ')}`)
    .argument('<value>', 'the new value')
    .action(
      action(async (key: string, raw: string) => {
        const spec = SETTINGS[key];
        if (!spec) throw new CliError(`There is no setting "${key}"; the settings are: ${Object.keys(SETTINGS).join(', ')}.`);
        const value = parseValue(key, spec[0], raw);
        const store = await openStore();
        await store.update((d) => {
          const [a, b] = key.split('.');
          if (a === 'features') updateSettings(d, { features: { [b]: value } });
          else if (a === 'smtp') {
            const smtp = d.settings.smtp ?? { host: '', port: 587, secure: false, user: '', password: '', from: '' };
            (smtp as Record<string, unknown>)[b] = value;
            if (!smtp.host) throw new CliError('Set smtp.host first: the other SMTP settings belong to a server.');
            d.settings.smtp = smtp;
          } else updateSettings(d, { [a]: value } as Partial<Settings>);
        });
        out(`${key} = ${current(store.read().settings, key)}`);
      }),
    );
  cmd
    .command('unset-smtp')
    .description('forget the SMTP settings (mail then waits in the outbox)')
    .action(
      action(async () => {
        const store = await openStore();
        await store.update((d) => {
          d.settings.smtp = null;
        });
        out('SMTP settings removed; mail now waits in the outbox.');
      }),
    );
}
