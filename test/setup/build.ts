// Vitest global setup: brings dist/ up to date before any test runs. Tests import the TypeScript
// sources, but a run's worker thread cannot load TypeScript: it loads the built copy of its entry
// (see src/interp/isolation/worker-url.ts), or its bundle. Building here (incrementally, a few seconds when
// nothing changed) means a test never runs a worker older than the sources.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  // each test project runs the global setup; one build per vitest process is enough
  const mark = `crmscript-tui built in ${process.pid}`;
  if (process.env.CRMSCRIPT_TUI_TEST_BUILD === mark) return;
  process.env.CRMSCRIPT_TUI_TEST_BUILD = mark;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/copy-assets.mjs'], { stdio: 'inherit' });
  // workers start from the bundle when there is one (worker-url.ts): it must not lag the sources
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
