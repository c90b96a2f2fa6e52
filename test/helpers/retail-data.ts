// The benchmark's files as a test reads them, straight from ../shared (not through the sandbox).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { retailDataDir } from '../../sandbox/domain/seed.ts';
import type { RetailState } from '../sandbox/reference.ts';

export function readRetailJson<T = any>(name: string): T {
  return JSON.parse(readFileSync(path.join(retailDataDir(), name), 'utf8')) as T;
}

export function freshRetailState(): RetailState {
  return { users: readRetailJson('users.json'), orders: readRetailJson('orders.json'), products: readRetailJson('products.json') };
}

export interface Task {
  user_id: string;
  instruction: string;
  actions: { name: string; kwargs: Record<string, unknown> }[];
}

export function trainTasks(): Task[] {
  return readRetailJson<Task[]>('tasks_train.json');
}
