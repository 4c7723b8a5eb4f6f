/**
 * A line diff (longest common subsequence) for showing what publishing a
 * staged version changes: unchanged lines as context around the changes.
 */

export interface DiffLine {
  kind: 'same' | 'del' | 'add' | 'gap';
  text: string;
  /** 1-based line number in the old (del, same) or new (add) text. */
  line?: number;
}

/** Above this many old×new lines the diff lists the whole old and new text instead. */
const MAX_CELLS = 4_000_000;

export function lineDiff(oldText: string, newText: string, context = 2): DiffLine[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let ops: DiffLine[];
  if (a.length * b.length > MAX_CELLS) {
    ops = [...a.map((text, i) => ({ kind: 'del' as const, text, line: i + 1 })), ...b.map((text, i) => ({ kind: 'add' as const, text, line: i + 1 }))];
  } else {
    // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one flat array
    const w = b.length + 1;
    const lcs = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    ops = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push({ kind: 'same', text: a[i]!, line: i + 1 });
        i++;
        j++;
      } else if (i < a.length && (j >= b.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        // removed lines before the lines that replace them, as diff and git show them
        ops.push({ kind: 'del', text: a[i]!, line: i + 1 });
        i++;
      } else {
        ops.push({ kind: 'add', text: b[j]!, line: j + 1 });
        j++;
      }
    }
  }
  // keep `context` unchanged lines around each change; longer runs become one gap line
  const keep = ops.map((o) => o.kind !== 'same');
  const near = ops.map((_, k) => {
    for (let d = -context; d <= context; d++) if (keep[k + d]) return true;
    return false;
  });
  const out: DiffLine[] = [];
  for (let k = 0; k < ops.length; k++) {
    if (near[k]) out.push(ops[k]!);
    else if (out.at(-1)?.kind !== 'gap') out.push({ kind: 'gap', text: '…' });
  }
  return out;
}

/** "-  12 old text", "+  12 new text", "   12 same text". */
export function diffText(l: DiffLine): string {
  if (l.kind === 'gap') return '  ⋮';
  const mark = l.kind === 'del' ? '-' : l.kind === 'add' ? '+' : ' ';
  return `${mark}${String(l.line ?? '').padStart(4)} ${l.text}`;
}
