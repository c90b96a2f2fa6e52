// OrderTrack: the old back-office order system. Find an order by number, customer email or
// customer ID; the order page with items, options, status, fulfilments and payment history; and
// the six order writes of the benchmark, each behind a confirmation step:
//   pending   → cancel (reason dialog), change shipping address, change items (variant picker),
//               change payment method
//   delivered → return items, exchange items (variant picker)
// Money moves are recorded in the order's payment history, which Billing shows as charges and
// refunds. The product catalogue (variants, prices, availability) is browsable too.
import type { LegacyApp } from '../web/kit.ts';
import { browseRoutes } from './orders/browse.ts';
import { changeRoutes } from './orders/changes.ts';
import { pickerRoutes } from './orders/picker.ts';

export function ordersRoutes(app: LegacyApp): void {
  browseRoutes(app);
  changeRoutes(app);
  pickerRoutes(app);
}
