// Failures as data, the shape every boundary of core returns (built by shared/errors.ts).
export { fail, failure } from '../../shared/errors.ts';

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
