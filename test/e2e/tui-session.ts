// A real terminal (tmux) running the built CLI, for end-to-end tests: start it, send keys, read
// the screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../common.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.warn('tmux is not installed: skipping the TUI end-to-end tests (install tmux to run them).');

let seq = 0;

export interface Session {
  socket: string;
  dir: string;
  dataDir: string;
  send(...keys: string[]): void;
  type(text: string): void;
  screen(opts?: { escapes?: boolean }): string;
  waitFor(text: string | RegExp, ms?: number): Promise<string>;
  /** The process id of the TUI (the child of the pane's shell). */
  pid(): number;
  kill(): void;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `stderrFile`: where the TUI's stderr goes (default: the terminal). */
export function start(opts: { width?: number; height?: number; env?: Record<string, string>; dataDir?: string; stderrFile?: string } = {}): Session {
  const dir = mkdtempSync(join(tmpdir(), 'crms-e2e-'));
  const dataDir = opts.dataDir ?? join(dir, 'data');
  const socket = `crms-e2e-${process.pid}-${++seq}`;
  const env = { TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
  // The shell prints the exit status after the TUI ends, and keeps the pane open to read it.
  const cmd = `env -u CI -u CONTINUOUS_INTEGRATION ${envArgs} ${shellQuote(process.execPath)} ${shellQuote(CLI)} --data-dir ${shellQuote(dataDir)}${opts.stderrFile ? ` 2>${shellQuote(opts.stderrFile)}` : ''}; echo "EXIT=$?"; sleep 60`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 30), cmd]);
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const s: Session = {
    socket,
    dir,
    dataDir,
    send: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    screen: (o = {}) => tmux('capture-pane', '-p', ...(o.escapes ? ['-e'] : [])),
    async waitFor(text, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const f = s.screen();
        if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
        if (Date.now() > until) throw new Error(`Timed out waiting for ${String(text)}; the screen is:\n${f}`);
        await sleep(50);
      }
    },
    pid() {
      const shell = tmux('list-panes', '-F', '#{pane_pid}').trim();
      return Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
    },
    kill() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return s;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Keys are sent one at a time with a pause, like a person typing. */
export async function keys(s: Session, ...list: string[]) {
  for (const k of list) {
    s.send(k);
    await sleep(120);
  }
}

