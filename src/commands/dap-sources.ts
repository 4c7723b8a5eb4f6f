// The sources a DAP client is shown: a file on disk by its path, a stored script (or include)
// by a source reference whose text the client asks for; and which file a client's source means.
import { existsSync } from 'node:fs';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { Json } from './dap-wire.js';

export class DapSources {
  private refs = new Map<string, number>();
  private texts = new Map<string, string>();

  /** Keeps the text of the script and its includes, for clients that cannot read them. */
  remember(src: DebugSource): void {
    this.texts.set(src.file, src.source);
    for (const inc of Object.values(src.includes)) this.texts.set(inc.file, inc.source);
  }

  /** The DAP Source of `file`: its path when it exists on disk, else a source reference too. */
  dapSource(file: string): Json {
    const name = file.replace(/^.*[\\/]/, '').replace(/^store:/, '');
    if (existsSync(file)) return { name, path: file };
    let ref = this.refs.get(file);
    if (ref === undefined) this.refs.set(file, (ref = this.refs.size + 1));
    return { name, path: file, sourceReference: ref, origin: 'crmscript-tui store' };
  }

  /** The file a client's Source names (by reference, path or name); null when it names none. */
  fileOf(source: Json | undefined): string | null {
    if (!source) return null;
    if (typeof source.sourceReference === 'number' && source.sourceReference > 0) {
      for (const [f, ref] of this.refs) if (ref === source.sourceReference) return f;
    }
    if (typeof source.path === 'string' && source.path !== '') return source.path;
    if (typeof source.name === 'string' && source.name !== '') return source.name;
    return null;
  }

  /** The text behind a source reference. */
  content(ref: number): string {
    for (const [f, n] of this.refs) if (n === ref) return this.texts.get(f) ?? '';
    throw new Error(`There is no source with reference ${ref}.`);
  }
}
