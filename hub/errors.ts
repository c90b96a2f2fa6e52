// A refusal the hub answers with: an HTTP status, a code and a sentence a person can act on.
import type { z } from 'zod';

export class HubError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses with a contract schema, or refuses naming the first field that does not fit. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HubError(400, 'invalid_input', `${what}: ${issue?.path.join('.') || 'value'} ${issue?.message ?? 'is not valid'}`.trim());
}
