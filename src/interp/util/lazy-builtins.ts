// Node built-ins that a run rarely needs, loaded the first time they are asked for: hashing and
// random passwords (node:crypto), runProgram (node:child_process), and the parent's heap watch of
// runs longer than a second (node:inspector). Loaded up front, they cost every `run` some fifty of
// Node's internal modules (crypto with WebCrypto, child_process with net and dgram) in the run's
// worker and in the main thread before even `printLine("Hello, world");` runs. The HTTP class's
// helper thread loads node:http or node:https per request here too rather than by import(), which
// the run worker's bundle cannot use (it is compiled with a code cache: grammar/code-cache.ts).
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';
import type * as ChildProcess from 'node:child_process';
import type * as Inspector from 'node:inspector';
import type * as Http from 'node:http';
import type * as Https from 'node:https';

const load = createRequire(import.meta.url);
let crypto: typeof Crypto | undefined;
let childProcess: typeof ChildProcess | undefined;
let inspector: typeof Inspector | undefined;

/** node:crypto, loaded on first use. */
export function hostCrypto(): typeof Crypto {
  return (crypto ??= load('node:crypto') as typeof Crypto);
}

/** node:child_process, loaded on first use. */
export function hostChildProcess(): typeof ChildProcess {
  return (childProcess ??= load('node:child_process') as typeof ChildProcess);
}

/** node:inspector, loaded on first use. */
export function hostInspector(): typeof Inspector {
  return (inspector ??= load('node:inspector') as typeof Inspector);
}

/** node:http or node:https (`secure`), loaded on first use. */
export function hostHttp(secure: boolean): typeof Http | typeof Https {
  return secure ? (load('node:https') as typeof Https) : (load('node:http') as typeof Http);
}
