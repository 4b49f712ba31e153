import 'reflect-metadata';
import { RequestMethod, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { API_PREFIX } from '@clippyfront/shared';
import { AppModule } from './app.module.js';
import { xsrfCookieMiddleware } from './auth/auth-cookies.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import type { AppConfig } from './config/app-config.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { AppLogger, createPinoLogger } from './logging/app-logger.js';
import { setupOpenApi } from './openapi/openapi.js';
import { responseCompression } from './common/response-compression.js';

export interface RunningApp {
  app: NestExpressApplication;
  logger: AppLogger;
  /** Stops the app, then the embedded database, then the log writer. */
  close(): Promise<void>;
}

/** Strict: no inline script or style anywhere; media may come from blob: (players). */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // Twitch clip thumbnails in the Clips step's Fetch from Twitch list.
  imgSrc: [
    "'self'",
    'data:',
    'blob:',
    'https://static-cdn.jtvnw.net',
    'https://clips-media-assets2.twitch.tv',
  ],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** /theme.css is the one route outside /api: a stylesheet the SPA links. */
export const GLOBAL_PREFIX_OPTIONS = {
  exclude: [{ path: 'theme.css', method: RequestMethod.GET }],
};

/** Global HTTP behaviour, shared by the server and the tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix(API_PREFIX, GLOBAL_PREFIX_OPTIONS);
  if (config.auth.trustProxy !== false) express.set('trust proxy', config.auth.trustProxy);
  express.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  // Swagger UI sets inline styles; only its pages get 'unsafe-inline' (for styles, not scripts).
  express.use(
    '/api/docs',
    helmet.contentSecurityPolicy({
      directives: { ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] },
    }),
  );
  if (config.auth.corsOrigins.length) {
    express.enableCors({ origin: config.auth.corsOrigins, credentials: true });
  }
  express.use(responseCompression());
  express.use(cookieParser());
  express.use(xsrfCookieMiddleware);
  express.useBodyParser('json', { limit: config.jsonBodyLimit });
  express.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  express.useGlobalFilters(new AllExceptionsFilter());
  setupOpenApi(express);
}

export async function createApp(
  config: AppConfig,
  options: { stdoutLogs?: boolean } = {},
): Promise<RunningApp> {
  const logger = new AppLogger(
    createPinoLogger({
      logsDir: config.paths.logs,
      level: config.log.level,
      maxSize: config.log.maxSize,
      maxFiles: config.log.maxFiles,
      stdout: options.stdoutLogs,
    }),
  );
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.database.url;
  try {
    if (!databaseUrl) {
      embedded = await EmbeddedPostgres.start(config.paths.embeddedDb, (message, level) =>
        logger[level](message, 'EmbeddedPostgres'),
      );
      databaseUrl = embedded.url;
      logger.log(`Embedded PostgreSQL in ${config.paths.embeddedDb}`, 'Database');
    }
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, databaseUrl),
      { logger, bodyParser: false, abortOnError: false },
    );
    configureApp(app, config);
    let closed = false;
    return {
      app,
      logger,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await embedded?.stop();
        await logger.close();
      },
    };
  } catch (error) {
    await embedded?.stop();
    await logger.close();
    throw error;
  }
}
