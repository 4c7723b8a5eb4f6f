// `npm start`: build only when a source changed since the last build (and say so while it
// builds), then open the TUI (or run the command given after `npm start --`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, 'dist', '.build-stamp');
const cli = join(root, 'dist', 'src', 'cli.js');

/** The newest modification time among the inputs of the build. */
function newestInput() {
  let newest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ['src', 'bench', 'scripts']) walk(join(root, d));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) if (existsSync(join(root, f))) newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  return newest;
}

const built = existsSync(stamp) && existsSync(cli) ? statSync(stamp).mtimeMs : 0;
if (built === 0 || newestInput() > built) {
  process.stderr.write(built === 0 ? 'Building crmscript-tui (first start; this takes about a minute)…\n' : 'Sources changed since the last build: building (about a minute)…\n');
  const started = Date.now();
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('The build failed (see above); nothing was started.\n');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stderr.write(`Built in ${Math.round((Date.now() - started) / 1000)} s.\n`);
}
// The app gets the terminal; this process only waits for it (Ctrl+C reaches the app itself).
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.on('SIGINT', () => undefined); // the terminal sends it to the app too
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
