// A real terminal for end-to-end tests: one tmux server per pane, on its own socket.
import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface Pane {
  send(...keys: string[]): void;
  type(text: string): void;
  screen(): string;
  waitFor(text: string | RegExp, ms?: number): Promise<string>;
  resize(width: number, height: number): void;
  kill(): void;
}

let seq = 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs `argv` in a fresh tmux pane of `width`×`height`; the pane stays open after it ends and shows EXIT=status. */
export function openPane(argv: string[], opts: { width?: number; height?: number; env?: Record<string, string> } = {}): Pane {
  const socket = `crms-pane-${process.pid}-${++seq}`;
  const env = { TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`).join(' ');
  const cmd = `env -u CI -u CONTINUOUS_INTEGRATION ${envArgs} ${argv.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 120`;
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 30), cmd]);
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const p: Pane = {
    send: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    screen: () => tmux('capture-pane', '-p'),
    async waitFor(text, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const f = p.screen();
        if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
        if (Date.now() > until) throw new Error(`Timed out waiting for ${String(text)}; the screen is:\n${f}`);
        await sleep(50);
      }
    },
    resize: (w, h) => void tmux('resize-window', '-x', String(w), '-y', String(h)),
    kill: () => void spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
  return p;
}
