import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
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
import { FileStore } from '@tus/file-store';
import type { ServerOptions, Upload } from '@tus/server';
import { API_PATHS, TUS_MEDIA_ID_HEADER, TUS_METADATA_KEYS } from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { tooLarge } from './media-files.repository.js';
import { MediaService, type ReceivedUpload } from './media.service.js';
import { StorageQuotaService } from './storage-quota.service.js';
import { parseUploadFields } from './multipart-upload.js';
import { describeTusError, type TusError, TusJsonServer } from './tus-upload.server.js';

type TusRequest = Parameters<NonNullable<ServerOptions['onIncomingRequest']>>[0];
type Metadata = NonNullable<Upload['metadata']>;

/** Set by the server at creation, never taken from the client. */
const OWNER_KEY = 'clippy-owner';
const EXPIRE_AFTER_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;

/** The user the global AuthGuard put on the Node request that @tus/server wraps. */
function callerOf(req: TusRequest): AuthUser {
  const user = (req.runtime?.node?.req as { user?: AuthUser } | undefined)?.user;
  if (!user) throw new UnauthorizedException('Log in or send a Bearer token');
  return user;
}

/** tus throws plain {status_code, body} objects as well as Errors. */
function errorText(error: unknown): string {
  const { message, body } = (error ?? {}) as { message?: string; body?: string };
  return (message ?? body ?? String(error)).trim();
}

function fieldsOf(metadata: Metadata): ReceivedUpload['fields'] {
  return parseUploadFields({
    type: metadata.type ?? undefined,
    tags: metadata.tags ?? undefined,
    name: metadata.name ?? undefined,
  });
}

/**
 * tus 1.0 resumable uploads (@tus/server with a FileStore under <instance>/tmp/tus). Each upload
 * belongs to its creator; a finished one is ingested like a multipart upload, and an unfinished
 * one expires after a day.
 */
@Injectable()
export class TusUploadService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TusUploadService.name);
  private readonly store: FileStore;
  private readonly server: TusJsonServer;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly media: MediaService,
    private readonly quota: StorageQuotaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const directory = join(config.paths.instance, 'tmp', 'tus');
    // FileStore creates its folder in a callback that throws; a failure here stops start-up.
    mkdirSync(directory, { recursive: true });
    this.store = new FileStore({ directory, expirationPeriodInMilliseconds: EXPIRE_AFTER_MS });
    // POST bodies are refused (see create): an upload finished by its POST is read again by
    // @tus/server after onUploadFinish, when ingest has already moved it away (a 404).
    this.store.extensions = this.store.extensions.filter((e) => e !== 'creation-with-upload');
    const origins = config.auth.corsOrigins;
    this.server = new TusJsonServer({
      path: API_PATHS.media.uploads,
      datastore: this.store,
      maxSize: config.maxUploadBytes,
      relativeLocation: true,
      allowedOrigins: (origin) => origins.includes(origin),
      allowedCredentials: origins.length > 0,
      exposedHeaders: [TUS_MEDIA_ID_HEADER],
      onUploadCreate: (req, upload) => this.create(req, upload),
      onIncomingRequest: (req, id) => this.authorize(req, id),
      onUploadFinish: (_req, upload) => this.finish(upload),
      onResponseError: (req, error) => this.describe(req, error),
    });
  }

  handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    return this.server.handle(request, response);
  }

  onApplicationBootstrap(): void {
    void this.removeExpired();
    this.timer = setInterval(() => void this.removeExpired(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Removes unfinished uploads past their expiry; answers how many. */
  async removeExpired(): Promise<number> {
    try {
      const removed = await this.server.cleanUpExpiredUploads();
      if (removed) this.logger.log(`Removed ${removed} expired unfinished upload(s)`);
      return removed;
    } catch (error) {
      this.logger.warn(`Expired upload sweep failed: ${errorText(error)}`);
      return 0;
    }
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
    const info = await this.store.configstore.get(id);
    if (info?.metadata?.[OWNER_KEY] !== caller.id) throw new NotFoundException('Upload not found');
  }

  /** The last byte arrived: the file enters the library, or is refused; tus keeps nothing. */
  private async finish(upload: Upload): Promise<{ headers: Record<string, string> }> {
    const metadata = upload.metadata ?? {};
    const tmpPath = this.dataPath(upload.id);
    try {
      const ownerId = metadata[OWNER_KEY];
      if (!ownerId) throw new NotFoundException('Upload not found');
      const media = await this.media.ingest(ownerId, {
        tmpPath,
        size: upload.offset,
        fileName: metadata.filename ?? 'upload',
        fields: fieldsOf(metadata),
      });
      return { headers: { [TUS_MEDIA_ID_HEADER]: media.id } };
    } finally {
      await this.forget(upload.id);
    }
  }

  private async describe(req: TusRequest, error: unknown): Promise<TusError> {
    const described = describeTusError(error);
    if (described.status_code === 413) {
      if (req.method === 'POST') return { status_code: 413, body: tooLarge(this.limit) };
      // A deferred-length upload past the limit can never finish: drop what it sent.
      const id = this.server.handlers.PATCH.getFileIdFromRequest(req);
      const info = id ? await this.store.configstore.get(id) : undefined;
      if (id && info && info.size === undefined) {
        await this.forget(id);
        return { status_code: 413, body: tooLarge(this.limit) };
      }
    }
    if (described.status_code >= 500) {
      this.logger.error(
        `${req.method} ${new URL(req.url).pathname}: ${errorText(error)}`,
        (error as Error).stack,
      );
    }
    return described;
  }

  private get limit(): number {
    return this.config.maxUploadBytes;
  }

  /** FileStore keeps an upload as <id> (the data) and <id>.json (its info). */
  private dataPath(id: string): string {
    return join(this.store.directory, id);
  }

  private async forget(id: string): Promise<void> {
    const path = this.dataPath(id);
    await Promise.all([rm(path, { force: true }), rm(`${path}.json`, { force: true })]);
  }
}
