// Writes the top-level `--help` text next to the built CLI (dist/src/help.txt), produced by the
// real program, so that `crmscript-tui --help` does not load every command module (src/cli.tsx).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const text = execFileSync(process.execPath, ['dist/src/cli.js', '--help'], {
  env: { ...process.env, CRMSCRIPT_TUI_LIVE_HELP: '1', COLUMNS: '80' },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
writeFileSync('dist/src/help.txt', text);
