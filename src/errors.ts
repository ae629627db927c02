/**
 * The project's typed errors. Library code throws these; handlers map `name` to a Step Functions
 * error (retryable or fatal) and the CLI prints the message on one line and exits non-zero.
 */
export class DeepAstroError extends Error {
  /** Whether a workflow may retry the step that threw this. */
  readonly retryable: boolean = false;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A run config, CLI option or event failed validation; the message names the field. */
export class InvalidConfigError extends DeepAstroError {}

/** A data file is malformed: wrong rank, dtype, size, labels or class list; the message names the file. */
export class DataFormatError extends DeepAstroError {}

/** Downloaded or stored bytes do not match the expected md5. */
export class ChecksumMismatchError extends DeepAstroError {}

/** A requested object, record or run does not exist. */
export class NotFoundError extends DeepAstroError {}

/** A failure that may go away on retry: 5xx, throttling, a dropped connection. */
export class TransientError extends DeepAstroError {
  override readonly retryable = true;
}

/** The accelerator or WebAssembly heap ran out of memory; the message names the batch size. */
export class OutOfMemoryError extends DeepAstroError {}

/** Training or evaluation was asked to do something the method cannot, e.g. a margin that never trains. */
export class TrainingError extends DeepAstroError {}

/** Another trainer holds the lease of this ensemble member; the message names it and the lease. */
export class LeaseHeldError extends DeepAstroError {}
