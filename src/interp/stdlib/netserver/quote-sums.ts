// How a quote's numbers follow from each other, as SuperOffice's own quote connector works them
// out: a line's total from its quantity, list price and discount (a percentage wins over an
// amount), its earning from its unit cost; an alternative's total from its lines' totals less the
// alternative's own discount, its VAT as an amount from each line's VAT percentage. Plain
// numbers in and out, shared by the demo data (src/crm/demo-quotes.ts) and NSQuoteAgent.

/** The inputs of a line's sums (QuoteLine columns). */
export interface LineInput {
  Quantity?: unknown;
  UnitListPrice?: unknown;
  UnitCost?: unknown;
  DiscountPercent?: unknown;
  DiscountAmount?: unknown;
}

/** The columns the sums fill in (a SubTotal, before discount, is no column: the views work it out). */
export interface LineSums {
  DiscountAmount: number;
  TotalPrice: number;
  EarningAmount: number;
  EarningPercent: number;
}

const num = (v: unknown): number => Number(v ?? 0) || 0;

/** Earning as an amount and as a percentage of the price. */
function earning(price: number, cost: number): { EarningAmount: number; EarningPercent: number } {
  return { EarningAmount: price - cost, EarningPercent: price ? ((price - cost) * 100) / price : 0 };
}

export function lineSums(l: LineInput): LineSums {
  const gross = num(l.Quantity) * num(l.UnitListPrice);
  const percent = num(l.DiscountPercent);
  const discount = percent ? (gross * percent) / 100 : num(l.DiscountAmount);
  const total = gross - discount;
  return { DiscountAmount: discount, TotalPrice: total, ...earning(total, num(l.Quantity) * num(l.UnitCost)) };
}

/** The inputs of an alternative's sums: its own discount and its lines (QuoteLine columns). */
export interface AlternativeInput {
  DiscountPercent?: unknown;
  DiscountAmount?: unknown;
  lines: (LineInput & { VAT?: unknown })[];
}

export interface AlternativeSums extends LineSums {
  VAT: number;
}

export function alternativeSums(a: AlternativeInput): AlternativeSums {
  let sub = 0;
  let cost = 0;
  let vat = 0;
  for (const l of a.lines) {
    const s = lineSums(l);
    sub += s.TotalPrice;
    cost += num(l.Quantity) * num(l.UnitCost);
    vat += (s.TotalPrice * num(l.VAT)) / 100;
  }
  const percent = num(a.DiscountPercent);
  const discount = percent ? (sub * percent) / 100 : num(a.DiscountAmount);
  const total = sub - discount;
  // the alternative's discount lowers the VAT in proportion
  const share = sub ? total / sub : 1;
  return { DiscountAmount: discount, TotalPrice: total, VAT: vat * share, ...earning(total, cost) };
}
