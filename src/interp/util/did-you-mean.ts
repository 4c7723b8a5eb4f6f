// "Did you mean" hints for a misspelt name: the candidates closest to it by edit distance.

/** Up to three names closest to `name` (edit distance), for "did you mean" hints. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const n = name.toLowerCase();
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const d = distance(n, c.toLowerCase());
    const contains = c.toLowerCase().includes(n) || (n.length > 2 && n.includes(c.toLowerCase()));
    scored.push([contains ? Math.min(d, 1) : d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  const limit = Math.max(2, Math.ceil(n.length / 2));
  return scored.filter(([d]) => d <= limit).slice(0, max).map(([, c]) => c);
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** ' (did you mean a, b?)' or ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const close = closestNames(name, candidates);
  return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
}

/**
 * ' (did you mean a, b?)' or '', stricter than didYouMean for names a script makes up (variables,
 * functions, methods): only names that differ by letter case, contain the name (or it them), or
 * are a third of its length apart at most (a name under three letters: only by letter case); each once.
 */
export function didYouMeanClose(name: string, candidates: Iterable<string>): string {
  const n = name.toLowerCase();
  const limit = n.length >= 3 ? Math.max(1, Math.round(n.length / 3)) : 0;
  const close = [...new Set(candidates)].filter((c) => {
    const l = c.toLowerCase();
    if (l === n) return true;
    if (n.length >= 3 && l.length >= 3 && (l.includes(n) || n.includes(l))) return true;
    return distance(n, l) <= limit;
  });
  const ranked = closestNames(name, close, 3);
  return ranked.length ? ` (did you mean ${ranked.join(', ')}?)` : '';
}
