import { NestFactory } from '@nestjs/core';
import { API_PREFIX } from '@clippyfront/shared';
import { GLOBAL_PREFIX_OPTIONS } from '../app.factory.js';
import { AppModule } from '../app.module.js';
import { loadAppConfig } from '../config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The OpenAPI document from the code alone: Nest's preview mode maps routes without
 * connecting to a database or Redis. Redis mode is used so every module is present.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadAppConfig({
    CLIPPY_INSTANCE_PATH: '/nonexistent/clippyfront-openapi',
    REDIS_URL: 'redis://127.0.0.1:1',
    WORKER_API_KEY: 'openapi-generation-only',
    SPA_DIST_PATH: '/nonexistent/spa',
  });
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgresql://openapi@127.0.0.1:1/none'),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX, GLOBAL_PREFIX_OPTIONS);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

export const OPENAPI_FILE = 'docs/openapi.json';

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
