// A script: its source, the staged version, breakpoints and remembered run values.
import { z } from 'zod';
import { entityName, id, isoDateTime, runValuesSchema } from './common.js';

export const scriptSchema = z.object({
  id,
  /** null = at the top level, outside any folder. */
  folderId: id.nullable(),
  name: entityName,
  description: z.string(),
  /** Include name used by `#include "..."`; '' when the script has none. Unique when non-empty. */
  includeId: z.string(),
  /** Secret a caller must give to run the script from outside (HTTP); '' = none. */
  key: z.string(),
  showResultAsHtml: z.boolean(),
  source: z.string(),
  /** A staged version used only by explicit test runs until it is published. */
  stagedSource: z.string().nullable(),
  /** Debugger breakpoint lines; applied when a debug run of the script (or of one including it) starts. */
  breakpoints: z.array(z.number().int().min(1)).optional(),
  /** Run values remembered for the script (absent: none). */
  runValues: runValuesSchema.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export type Script = z.infer<typeof scriptSchema>;

/** A script as a list of scripts needs it: its source may be left out. */
export type ScriptInfo = Omit<Script, 'source'>;

/** What a list of scripts shows of a script (see Store.listing): no source, staged version, key or run values. */
export type ScriptRow = Pick<Script, 'id' | 'folderId' | 'name' | 'includeId' | 'description' | 'createdAt' | 'updatedAt'> & {
  /** Whether it has a staged version. */
  staged: boolean;
};
