// Loads the public retail benchmark data the sandbox is seeded from.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Order, Product, User } from '../../shared/retail.ts';

export interface RetailData {
  users: Record<string, User>;
  orders: Record<string, Order>;
  products: Record<string, Product>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `LEGWORK_RETAIL_DATA`, else `../shared/data/taubench-retail` beside the repository. */
export function retailDataDir(): string {
  return process.env.LEGWORK_RETAIL_DATA ?? path.resolve(REPO_ROOT, '../shared/data/taubench-retail');
}

let cached: { dir: string; text: string } | undefined;

/** The seed as one JSON text, read once per process; every reset parses a fresh copy from it. */
export function seedText(dir = retailDataDir()): string {
  if (cached?.dir === dir) return cached.text;
  const read = (name: string): string => {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      throw new Error(
        `Retail seed data not found: ${file}. Put the taubench-retail data at ../shared/data/taubench-retail ` +
          'beside the repository, or point LEGWORK_RETAIL_DATA at its folder.',
      );
    }
    return readFileSync(file, 'utf8');
  };
  const text = `{"users":${read('users.json')},"orders":${read('orders.json')},"products":${read('products.json')}}`;
  cached = { dir, text };
  return text;
}

export function loadRetailData(dir?: string): RetailData {
  return JSON.parse(seedText(dir)) as RetailData;
}
