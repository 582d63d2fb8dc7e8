/**
 * Structured logs (pino JSON lines). Requests are logged with method, path and status, never a
 * query string (searches may hold a child's name), a body or an authorization header.
 *
 * No per-request async context (AsyncLocalStorage): it put a hook on every promise of every
 * command, about a tenth of the API's CPU, and no log line needs the request it came from.
 */
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import pino, { Logger } from 'pino';

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger (framework messages and `new Logger(context)` in our services) on pino. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest passes the logger's context last. Our services log pino's way, `(fields, 'message')`;
   * Nest's own calls are `(message, context)`, or `(message, stack, context)` for errors.
   */
  private write(level: pino.Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = params.slice(0, -1);
    if (params.length) fields.context = params[params.length - 1];
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message }, ...(rest as [string?]));
    } else {
      if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
      this.logger[level](fields, String(message));
    }
  }
}

/** One line per request when its response is done (or the client went away first). */
export function requestLogger(logger: Logger): (req: Request, res: Response, next: NextFunction) => void {
  let lastId = 0;
  return (req, res, next) => {
    const id = ++lastId;
    const started = performance.now();
    res.once('close', () => {
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level]({
        req: { id, method: req.method, path: req.originalUrl.split('?')[0] },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      }, res.writableFinished ? 'request completed' : 'request aborted');
    });
    next();
  };
}
