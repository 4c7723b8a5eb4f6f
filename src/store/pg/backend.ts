import type { StoreBackend } from '../backend.js';
export class PgBackend {
  static async open(_url: string, _dataDir: string, _opts: unknown): Promise<StoreBackend> {
    throw new Error('todo');
  }
}
