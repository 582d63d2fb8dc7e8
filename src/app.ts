import { INestApplication, INestApplicationContext, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { AppModule, AppOptions } from './app.module';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { createLogger, NestPinoLogger, requestLogger } from './common/logging';
import { createValidationPipe } from './common/validation';
import { HEALTH_PATHS } from './health/health.controller';
import { METRICS_PATHS } from './metrics/metrics.controller';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (and, when `worker` is set, the workers in the same process). */
export async function createApp(o: Omit<AppOptions, 'api'>): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...o, api: true }), {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = createLogger(o.config.logLevel, o.logDestination);
  app.useLogger(new NestPinoLogger(logger));
  app.use(requestLogger(logger));
  app.disable('x-powered-by');
  app.set('trust proxy', o.config.trustProxy);
  app.useBodyParser('json', { limit: '256kb' });
  useApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  SwaggerModule.setup('docs', app, () => apiDocument(app));
  serveWebConsole(app);
  return app;
}

/** Every route under /api/v1, but the load balancer's and Prometheus' own paths. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [...HEALTH_PATHS, ...METRICS_PATHS].map((path) => ({ path, method: RequestMethod.GET })) });
}

/** The OpenAPI document of the app's routes: served at /docs, and the source of the console's API types (src/api-types). */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('baove API')
    .setDescription('Quản lý ca can thiệp bảo vệ trẻ em / Child-protection case management')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The web console's built files (web/dist), at `/`; any other non-API path falls back to its index.html. */
const ROOT = existsSync(join(__dirname, '..', 'package.json')) ? join(__dirname, '..') : join(__dirname, '..', '..');
export const WEB_DIST = join(ROOT, 'web', 'dist');

function serveWebConsole(app: NestExpressApplication): void {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(WEB_DIST, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const reserved = /^\/(api|docs|health|metrics)(\/|$|-)/.test(req.path);
    if (req.method !== 'GET' || reserved || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** Builds a worker-only process: no HTTP server. */
export async function createWorker(o: Omit<AppOptions, 'api' | 'worker'>): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...o, api: false, worker: true }), { bufferLogs: true });
  app.useLogger(new NestPinoLogger(createLogger(o.config.logLevel, o.logDestination)));
  return app;
}
