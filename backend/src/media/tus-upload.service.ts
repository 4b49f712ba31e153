import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  UnauthorizedException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Upload } from '@tus/server';
import { API_PATHS, TUS_MEDIA_ID_HEADER, TUS_METADATA_KEYS } from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MediaService, type ReceivedUpload } from './media.service.js';
import { StorageQuotaService } from './storage-quota.service.js';
import { parseUploadFields } from './multipart-upload.js';
import { TusEndpoint, type TusRequest } from './tus-endpoint.js';

type Metadata = NonNullable<Upload['metadata']>;

/** Set by the server at creation, never taken from the client. */
const OWNER_KEY = 'clippy-owner';

/** The user the global AuthGuard put on the Node request that @tus/server wraps. */
function callerOf(req: TusRequest): AuthUser {
  const user = (req.runtime?.node?.req as { user?: AuthUser } | undefined)?.user;
  if (!user) throw new UnauthorizedException('Log in or send a Bearer token');
  return user;
}

function fieldsOf(metadata: Metadata): ReceivedUpload['fields'] {
  return parseUploadFields({
    type: metadata.type ?? undefined,
    tags: metadata.tags ?? undefined,
    name: metadata.name ?? undefined,
  });
}

/**
 * tus 1.0 resumable uploads (a TusEndpoint under <instance>/tmp/tus). Each upload belongs to
 * its creator; a finished one is ingested like a multipart upload, and an unfinished one
 * expires after a day.
 */
@Injectable()
export class TusUploadService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly endpoint: TusEndpoint;

  constructor(
    private readonly media: MediaService,
    private readonly quota: StorageQuotaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const origins = config.auth.corsOrigins;
    this.endpoint = new TusEndpoint({
      directory: join(config.paths.instance, 'tmp', 'tus'),
      logger: new Logger(TusUploadService.name),
      noun: 'upload',
      limitOf: () => Promise.resolve(config.maxUploadBytes),
      server: {
        path: API_PATHS.media.uploads,
        maxSize: config.maxUploadBytes,
        relativeLocation: true,
        allowedOrigins: (origin) => origins.includes(origin),
        allowedCredentials: origins.length > 0,
        exposedHeaders: [TUS_MEDIA_ID_HEADER],
        onUploadCreate: (req, upload) => this.create(req, upload),
        onIncomingRequest: (req, id) => this.authorize(req, id),
        onUploadFinish: (_req, upload) => this.finish(upload),
      },
    });
  }

  handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    return this.endpoint.handle(request, response);
  }

  onApplicationBootstrap(): void {
    this.endpoint.startSweeping(true);
  }

  onApplicationShutdown(): void {
    this.endpoint.stopSweeping();
  }

  /** Removes unfinished uploads past their expiry; answers how many. */
  removeExpired(): Promise<number> {
    return this.endpoint.removeExpired();
  }

  /** POST: refuses now what ingest would refuse for its metadata, before any byte is sent. */
  private async create(req: TusRequest, upload: Upload): Promise<{ metadata: Metadata }> {
    const caller = callerOf(req);
    if (req.headers.get('content-type') === 'application/offset+octet-stream') {
      throw new BadRequestException(
        'Send the data with PATCH requests; data in the creating POST is not accepted',
      );
    }
    const given = upload.metadata ?? {};
    if (!given.filename?.trim()) {
      throw new BadRequestException('Upload-Metadata must include a "filename"');
    }
    if (upload.size === 0) throw new BadRequestException('The file is empty');
    if (upload.size !== undefined) await this.quota.assertRoom(caller.id, upload.size);
    fieldsOf(given);
    const metadata: Metadata = { [OWNER_KEY]: caller.id };
    for (const key of TUS_METADATA_KEYS) {
      const value = given[key];
      if (value !== undefined && value !== null) metadata[key] = value;
    }
    return { metadata };
  }

  /** HEAD, PATCH, DELETE: someone else's upload is not found. */
  private async authorize(req: TusRequest, id: string): Promise<void> {
    if (req.method === 'POST') return;
    const caller = callerOf(req);
    const info = await this.endpoint.store.configstore.get(id);
    if (info?.metadata?.[OWNER_KEY] !== caller.id) throw new NotFoundException('Upload not found');
  }

  /** The last byte arrived: the file enters the library, or is refused; tus keeps nothing. */
  private async finish(upload: Upload): Promise<{ headers: Record<string, string> }> {
    const metadata = upload.metadata ?? {};
    try {
      const ownerId = metadata[OWNER_KEY];
      if (!ownerId) throw new NotFoundException('Upload not found');
      const media = await this.media.ingest(ownerId, {
        tmpPath: this.endpoint.dataPath(upload.id),
        size: upload.offset,
        fileName: metadata.filename ?? 'upload',
        fields: fieldsOf(metadata),
      });
      return { headers: { [TUS_MEDIA_ID_HEADER]: media.id } };
    } finally {
      await this.endpoint.forget(upload.id);
    }
  }
}
