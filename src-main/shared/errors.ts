import type { ErrorKind, StanceErrorInfo } from './result';

/**
 * An error whose message is written for the runner. Thrown by the core when it refuses
 * something; the dispatcher passes its message on unchanged. Any other error is Stance's own
 * fault and reaches the runner only as a generic "nothing was changed" message.
 */
export class StanceError extends Error {
  readonly kind: ErrorKind;
  readonly field: string | undefined;

  constructor(kind: ErrorKind, message: string, field?: string) {
    super(message);
    this.name = 'StanceError';
    this.kind = kind;
    this.field = field;
  }

  toInfo(): StanceErrorInfo {
    return this.field === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, field: this.field };
  }
}
