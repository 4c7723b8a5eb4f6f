/** "1 script", "2 scripts"; `many` for words that do not just take an s. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a String", "an Integer": the word after the indefinite article its first letter takes. */
export function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}
