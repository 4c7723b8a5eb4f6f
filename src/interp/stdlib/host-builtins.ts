// Node built-ins that only a few natives use (hashing, random passwords, runProgram), loaded the
// first time one of them is called. A run's worker that loaded them up front would compile some
// forty internal modules of Node (crypto and its WebCrypto, child_process with net and dgram)
// before running even `printLine("Hello, world");`.
import { createRequire } from 'node:module';
import type * as Crypto from 'node:crypto';
import type * as ChildProcess from 'node:child_process';

const load = createRequire(import.meta.url);
let crypto: typeof Crypto | undefined;
let childProcess: typeof ChildProcess | undefined;

/** node:crypto, loaded on first use. */
export function hostCrypto(): typeof Crypto {
  return (crypto ??= load('node:crypto') as typeof Crypto);
}

/** node:child_process, loaded on first use. */
export function hostChildProcess(): typeof ChildProcess {
  return (childProcess ??= load('node:child_process') as typeof ChildProcess);
}
