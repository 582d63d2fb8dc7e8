import { INestApplication, INestApplicationContext, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import helmet from 'helmet';
import { urlencoded, type NextFunction, type Request, type Response } from 'express';
import { AppModule, AppOptions } from './app.module';
import { withRequestOrigin } from './audit/request-context';
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
  // Every audit entry written while serving a request carries where it came from (src/audit/request-context).
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const ua = req.headers['user-agent'];
    withRequestOrigin({ ip: req.ip ?? req.socket.remoteAddress ?? null, userAgent: typeof ua === 'string' ? ua : null }, next);
  });
  useSecurityHeaders(app, o.config.nodeEnv === 'production');
  app.useBodyParser('json', { limit: '256kb' });
  // OAuth 2.0 clients send the token request as a form (RFC 6749 §4.4.2): parsed there only.
  app.use('/api/v1/auth/token', urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }));
  useApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  SwaggerModule.setup('docs', app, () => apiDocument(app));
  serveWebConsole(app);
  return app;
}

/**
 * Security headers on every answer (helmet): a strict Content-Security-Policy fitted to the built
 * console — its scripts are files of its own origin, but the sign-in's guard inline in index.html,
 * allowed by its hash (`inlineScriptHashes`); inline styles stay allowed for the pre-rendered
 * sign-in's, the workflow diagrams (mermaid) and React's style attributes —, no framing, no MIME
 * sniffing, no referrer, and HSTS in production (served behind TLS). API answers carry personal data: never
 * stored by a browser or a proxy. Answers are compressed, except sign-in answers (tokens: no
 * compression oracle next to a secret).
 */
export function useSecurityHeaders(app: INestApplication, production: boolean): void {
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes()],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  }));
  app.use(compression({
    filter: (req: Request, res: Response) => !req.path.startsWith(`/${API_PREFIX}/auth/`) && compression.filter(req, res),
  }));
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
}

/**
 * The hashes of the inline scripts in the built console's index.html (the pre-rendered sign-in's
 * guard, web/src/prerendered.ts), read when the app starts: the build makes them, this allows them.
 */
function inlineScriptHashes(): string[] {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return [];
  return [...readFileSync(index, 'utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map(([, source]) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`);
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

const ASSET_PATH = '/assets';
/** A built script or style under /assets (one file name, no folders), and its kind. */
const ASSET_FILE = /^\/[\w.-]+\.(js|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

function serveWebConsole(app: NestExpressApplication): void {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return;
  // Vite names every file under /assets by its content hash: cached for a year, never revalidated.
  // Anything else (index.html, icons) is revalidated on each load so a new release shows at once.
  // Scripts and styles go out as the build compressed them (brotli, else gzip) when the browser takes it.
  app.use(ASSET_PATH, (req: Request, res: Response, next: NextFunction) => {
    const m = ASSET_FILE.exec(req.path);
    const encoding = m && req.acceptsEncodings('br', 'gzip');
    if (req.method !== 'GET' || !m || !encoding) return next();
    const file = join(WEB_DIST, 'assets', `${m[0].slice(1)}.${encoding === 'br' ? 'br' : 'gz'}`);
    if (!existsSync(file)) return next();
    res.setHeader('Content-Type', m[1] === 'js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE);
    res.sendFile(file);
  });
  app.useStaticAssets(WEB_DIST, {
    index: false,
    setHeaders: (res: Response, path: string) => {
      res.setHeader('Cache-Control', path.startsWith(join(WEB_DIST, 'assets') + '/') ? IMMUTABLE : 'no-cache');
    },
  });
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
