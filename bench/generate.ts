// Generates a realistic CRMScript program of about `lines` lines (functions, structs, loops,
// string and Map work) for parse/check timing.
export function generateScript(lines: number): string {
  const out: string[] = ['#setLanguageLevel 3;', 'Map totals;'];
  let i = 0;
  while (out.length < lines) {
    i++;
    out.push(
      `struct Item${i} {`,
      '  String name;',
      '  Integer qty = 1;',
      '  Float price;',
      `  Float total() { return this.price * this.qty; }`,
      '};',
      `Integer work${i}(Integer n, String label) {`,
      '  Integer sum = 0;',
      '  for (Integer j = 0; j < n; j++) {',
      '    if (j % 3 == 0) sum += j;',
      '    else if (j % 5 == 0) { sum -= 1; }',
      '    else sum = sum + 2;',
      '  }',
      `  Item${i} it;`,
      '  it.name = label.toUpper() + "-" + n.toString();',
      '  it.price = 2.5;',
      '  totals.insert(it.name, it.total().toString(2));',
      '  String[] parts = label.split(",");',
      '  foreach (String p in parts) { sum += p.getLength(); }',
      '  return sum;',
      '}',
      `printLine(work${i}(${i % 50}, "a,b,c").toString());`,
    );
  }
  return out.join('\n') + '\n';
}
