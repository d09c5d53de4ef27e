/** Errors that carry an HTTP status; rendered as a Swedish page or as problem details. */
export interface FieldError {
  /** Form field name (or JSON pointer without the leading slash). */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(404, 'not-found', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden') {
    super(403, 'forbidden', message);
  }
}

export class ValidationError extends AppError {
  constructor(fieldErrors: FieldError[], message = 'Invalid input') {
    super(422, 'validation', message, fieldErrors);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}
