// Money as the policy compares and shows it: in whole cents, so caps are exact at the boundary.

/** Dollars to integer cents ($72.10 → 7210), so 0.1 + 0.2 compares as 30 cents. */
export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

/** An amount as a person reads it: $72.10, $1,204.33. */
export function formatMoney(dollars: number): string {
  return `$${dollars.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A cap as a lead writes it: $50, $1,000, $12.50. */
export function formatCap(dollars: number): string {
  return Number.isInteger(dollars) ? `$${dollars.toLocaleString('en-US')}` : formatMoney(dollars);
}
