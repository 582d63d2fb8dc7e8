/**
 * Domain errors. The core throws these; one exception filter maps them to the API's error shape.
 * Messages are Vietnamese first, then English, because they reach commune staff.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly error: string;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly status = 400;
  readonly error = 'Bad Request';
  constructor(fields: Record<string, string[]>, message = 'Dữ liệu không hợp lệ / Invalid input') {
    super(message, { fields });
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly error = 'Unauthorized';
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly error = 'Forbidden';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly error = 'Not Found';
  constructor(what: string, whatVi: string) {
    super(`Không tìm thấy ${whatVi} / ${what} not found`);
  }
}

export class CaseNotFound extends NotFound {
  constructor() {
    super('Case', 'hồ sơ');
  }
}

export class Conflict extends DomainError {
  readonly status = 409;
  readonly error = 'Conflict';
}

export class VersionConflict extends Conflict {
  constructor(expected: number, current: number) {
    super(
      `Hồ sơ đã được người khác thay đổi (phiên bản ${current}, bạn gửi ${expected}); hãy tải lại / ` +
        `The case was changed by someone else (version ${current}, you sent ${expected}); reload it`,
      { expectedVersion: expected, currentVersion: current },
    );
  }
}

export class EventNotAllowed extends DomainError {
  readonly status = 422;
  readonly error = 'Unprocessable Entity';
  constructor(event: string, state: string, allowed: string[]) {
    super(
      `Hồ sơ ở bước "${state}" không nhận thao tác ${event} / The case in state "${state}" does not accept ${event}`,
      { state, event, allowed },
    );
  }
}

/** A request the record's situation does not allow now (422); `details.reason` names why for clients. */
export class NotAllowedNow extends DomainError {
  readonly status = 422;
  readonly error = 'Unprocessable Entity';
  constructor(reason: string, message: string) {
    super(message, { reason });
  }
}

export class TooManyRequests extends DomainError {
  readonly status = 429;
  readonly error = 'Too Many Requests';
}

/** A dependency the request needs (e.g. Redis for sign-in throttling) is down: retry shortly. */
export class ServiceUnavailable extends DomainError {
  readonly status = 503;
  readonly error = 'Service Unavailable';
}

/** A request body over the size the endpoint accepts (413); `details.maxBytes` says how much it takes. */
export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly error = 'Payload Too Large';
}

/** Content of a type the endpoint refuses (415): a body that is not the declared kind, a file of a refused type. */
export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
  readonly error = 'Unsupported Media Type';
}
