import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './errors';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 503: 'Service Unavailable',
};

/** PostgreSQL errors that a client's input can still provoke despite validation: answer 4xx, not 500. */
const PG_CLIENT_ERRORS: Record<string, [number, string]> = {
  '22P02': [400, 'Giá trị không hợp lệ / Invalid value'],
  '22007': [400, 'Ngày giờ không hợp lệ / Invalid date or time'],
  '22008': [400, 'Ngày giờ ngoài phạm vi / Date or time out of range'],
  '22003': [400, 'Số ngoài phạm vi / Number out of range'],
  '22001': [400, 'Giá trị quá dài / Value too long'],
  '22021': [400, 'Ký tự không hợp lệ / Invalid character'],
  '22P05': [400, 'Ký tự không hợp lệ / Invalid character'],
  '23505': [409, 'Bản ghi đã tồn tại / Duplicate record'],
  '23503': [400, 'Tham chiếu không tồn tại / Referenced record does not exist'],
};

interface PgErrorFields {
  code?: string;
  routine?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/**
 * What of an unexpected error may be logged. A database error carries the statement's parameters
 * (a child's name), PostgreSQL's `detail` quotes the failing row and its message may quote a
 * value: log only its code, the names it cites and where it was thrown.
 */
export function loggable(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const e = exception as Error & { driverError?: PgErrorFields } & PgErrorFields;
  const pg = e.driverError ?? (typeof e.code === 'string' && typeof e.routine === 'string' ? e : undefined);
  if (!pg) return { type: e.name, message: e.message, stack: e.stack };
  return {
    type: e.name, code: pg.code, routine: pg.routine, schema: pg.schema, table: pg.table, column: pg.column,
    constraint: pg.constraint, stack: e.stack?.split('\n').slice(1).join('\n'),
  };
}

/** Maps every error to the API's error shape; never leaks a stack trace or SQL to the client. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ error: loggable(exception) }, 'Unhandled error');
    }
    // JSON whatever the route declared for its answer (e.g. /metrics' text/plain): Express's json() keeps a type already set.
    if (!res.headersSent) res.status(body.statusCode).type('application/json').json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: exception.status, error: exception.error, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = typeof response === 'string' ? response : typeof r.message === 'string' ? r.message : exception.message;
      return {
        statusCode: status,
        error: STATUS_TEXT[status] ?? (typeof r.error === 'string' ? r.error : 'Error'),
        message,
        ...(r.details !== undefined ? { details: r.details } : {}),
      };
    }
    const e = exception as { type?: string; status?: number; code?: string; driverError?: { code?: string } };
    // body-parser errors (malformed JSON, too large, bad charset) carry a 4xx status.
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      const message = e.type === 'entity.parse.failed' ? 'JSON không hợp lệ / Malformed JSON'
        : e.type === 'entity.too.large' ? 'Nội dung quá lớn / Request body too large'
        : 'Yêu cầu không hợp lệ / Invalid request';
      return { statusCode: e.status, error: STATUS_TEXT[e.status] ?? 'Bad Request', message };
    }
    const pgCode = e?.driverError?.code ?? e?.code;
    if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
      const [statusCode, message] = PG_CLIENT_ERRORS[pgCode];
      return { statusCode, error: STATUS_TEXT[statusCode], message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'Lỗi hệ thống; đã ghi nhận / Internal error; it has been logged',
    };
  }
}
