/** Money is dollars in the data; arithmetic and comparisons go through integer cents. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function roundCents(amount: number): number {
  return toCents(amount) / 100;
}

export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}$${Math.abs(roundCents(amount)).toFixed(2)}`;
}
