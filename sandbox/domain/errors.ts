/** A write the domain refused; nothing was changed. The message is shown to the person or caller. */
export class DomainError extends Error {
  readonly code: 'not_found' | 'invalid' | 'conflict';
  constructor(code: DomainError['code'], message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export const notFound = (message: string) => new DomainError('not_found', message);
export const invalid = (message: string) => new DomainError('invalid', message);
export const conflict = (message: string) => new DomainError('conflict', message);
