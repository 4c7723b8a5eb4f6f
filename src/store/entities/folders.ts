// A folder of scripts and macros (folders nest).
import { z } from 'zod';
import { entityName, id } from './common.js';

export const folderSchema = z.object({
  id,
  /** null = a top-level folder. */
  parentId: id.nullable(),
  name: entityName,
});

export type Folder = z.infer<typeof folderSchema>;
