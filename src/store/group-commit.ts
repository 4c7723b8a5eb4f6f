// Group commit for high-rate writers of small records (trigger firings, the ends of scheduled
// runs): items handed in while a store write is under way are applied together by the next
// write, so a burst costs a few store writes instead of one per item. Each item's promise settles
// with its own result once the write that carried it is stored (or rejects when that write fails).
import type { Store } from './store.js';
import type { StoreData } from './schema.js';

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<T, R> {
  private next: Pending<T, R>[] = [];
  private writing: Promise<void> | null = null;

  /** `apply` changes the document for a batch of items and returns each item's result, in order. */
  constructor(
    private readonly store: Store,
    private readonly apply: (d: StoreData, items: T[]) => R[],
  ) {}

  add(item: T): Promise<R> {
    const p = new Promise<R>((resolve, reject) => this.next.push({ item, resolve, reject }));
    this.writing ??= this.pump();
    return p;
  }

  /** Resolves when every item handed in so far is written (or its write failed). */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async pump(): Promise<void> {
    try {
      while (this.next.length) {
        const batch = this.next;
        this.next = [];
        try {
          const results = await this.store.update((d) => this.apply(d, batch.map((b) => b.item)));
          batch.forEach((b, i) => b.resolve(results[i]!));
        } catch (e) {
          for (const b of batch) b.reject(e ?? new Error('the store write failed'));
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
