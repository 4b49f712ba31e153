import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { APP_VERSION } from '../config/app-version.js';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ClippyFront API')
    .setDescription('Media library, clip downloads, timeline and render farm for stream clips')
    .setVersion(APP_VERSION)
    .addApiKey({ type: 'apiKey', in: 'header', name: WORKER_KEY_HEADER }, 'worker-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal API token' })
    .addCookieAuth(SESSION_COOKIE)
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('cookie')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /api/docs and the JSON at /api/openapi.json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    raw: ['json'],
  });
}
