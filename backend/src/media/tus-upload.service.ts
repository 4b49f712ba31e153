import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Upload } from '@tus/server';
import { API_PATHS, TUS_MEDIA_ID_HEADER, TUS_METADATA_KEYS } from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import { MediaService, type ReceivedUpload } from './media.service.js';
import {
  fits,
  StorageQuotaExceededException,
  StorageQuotaService,
  type StorageRoom,
} from './storage-quota.service.js';
import { parseUploadFields } from './multipart-upload.js';
import { TusCreationLimiter } from './tus-creation-limiter.js';
import { TusEndpoint, type TusRequest } from './tus-endpoint.js';
import { newUploadId, OWNER_KEY, TusReservations } from './tus-reservations.js';

type Metadata = NonNullable<Upload['metadata']>;

/** The user the global AuthGuard put on the Node request. */
const userOf = (request: object) => (request as { user?: AuthUser }).user;

/** The user the global AuthGuard put on the Node request that @tus/server wraps. */
function callerOf(req: TusRequest): AuthUser {
  const user = req.runtime?.node?.req && userOf(req.runtime.node.req);
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

/** A length header as a number; undefined when absent (tus itself refuses a malformed one). */
function lengthHeader(req: TusRequest, name: string): number | undefined {
  const value = req.headers.get(name);
  return value === null ? undefined : Number.parseInt(value, 10);
}

export class TooManyOpenUploadsException extends ForbiddenException {
  constructor(open: number, max: number) {
    super({
      message:
        `You have ${open} unfinished uploads (TUS_MAX_OPEN_UPLOADS = ${max}): finish one, or ` +
        'DELETE its URL, before starting another; unfinished uploads expire after 24 hours',
      openUploads: open,
      maxOpenUploads: max,
    });
  }
}

/**
 * tus 1.0 resumable uploads (a TusEndpoint under <instance>/tmp/tus). Each upload belongs to
 * its creator; a finished one is ingested like a multipart upload, and an unfinished one
 * expires after a day. Unfinished uploads count against the creator's storage quota (see
 * TusReservations); creating one, and letting a deferred-length one grow, check and reserve
 * under the creator's lock, so racing requests cannot both take the last room.
 */
@Injectable()
export class TusUploadService {
  private readonly endpoint: TusEndpoint;
  /** The room a PATCH was given (its quota check), for maxSize and its 413. */
  private readonly rooms = new WeakMap<TusRequest, StorageRoom>();
  /** Requests (PATCH) that claimed room for a deferred-length upload: released when done. */
  private readonly claims = new WeakMap<object, string>();

  constructor(
    private readonly media: MediaService,
    private readonly quota: StorageQuotaService,
    private readonly reservations: TusReservations,
    private readonly limiter: TusCreationLimiter,
    private readonly lock: AdvisoryLock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const origins = config.auth.corsOrigins;
    this.endpoint = new TusEndpoint({
      directory: reservations.directory,
      logger: new Logger(TusUploadService.name),
      limitOf: () => Promise.resolve(config.maxUploadBytes),
      exceeded: (req) => Promise.resolve(this.quotaExceeded(req)),
      server: {
        path: API_PATHS.media.uploads,
        maxSize: (req) => this.maxSizeOf(req),
        relativeLocation: true,
        allowedOrigins: (origin) => origins.includes(origin),
        allowedCredentials: origins.length > 0,
        exposedHeaders: [TUS_MEDIA_ID_HEADER],
        namingFunction: (req) => newUploadId(callerOf(req).id),
        onUploadCreate: (req, upload) => this.create(req, upload),
        onIncomingRequest: (req, id) => this.authorize(req, id),
        onUploadFinish: (_req, upload) => this.finish(upload),
      },
    });
  }

  /**
   * A creation counts against RATELIMIT_TUS_CREATE and runs under the caller's lock (checking
   * the room and creating the upload are one step); a PATCH gives back, when it ends, the room
   * it claimed beyond what it wrote.
   */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const user = userOf(request);
    if (!user) return this.endpoint.handle(request, response);
    if (request.method === 'POST') {
      await this.limiter.hit(user.id);
      return this.ownerLock(user.id, () => this.endpoint.handle(request, response));
    }
    try {
      await this.endpoint.handle(request, response);
    } finally {
      const claimed = this.claims.get(request);
      if (claimed) await this.ownerLock(user.id, () => this.reservations.claim(claimed, undefined));
    }
  }

  /** Removes unfinished uploads past their expiry (the upload-expiry task); answers how many. */
  removeExpired(): Promise<number> {
    return this.endpoint.removeExpired();
  }

  private ownerLock<T>(ownerId: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(`tus-uploads:${ownerId}`, task);
  }

  /**
   * POST (under the caller's lock): refuses now what ingest would refuse for its metadata, and
   * what would not fit the open-upload cap or the room left, before any byte is sent.
   */
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
    fieldsOf(given);
    const open = await this.reservations.open(caller.id);
    if (open.length >= this.config.maxOpenTusUploads) {
      throw new TooManyOpenUploadsException(open.length, this.config.maxOpenTusUploads);
    }
    const room = await this.quota.room(caller.id);
    // A deferred length must find at least a byte of room; it is checked again as it grows.
    if (!fits(room, upload.size ?? 1)) {
      throw new StorageQuotaExceededException(room, upload.size ?? 1);
    }
    const metadata: Metadata = { [OWNER_KEY]: caller.id };
    for (const key of TUS_METADATA_KEYS) {
      const value = given[key];
      if (value !== undefined && value !== null) metadata[key] = value;
    }
    return { metadata };
  }

  /** HEAD, PATCH, DELETE: someone else's upload is not found; a PATCH must fit the room. */
  private async authorize(req: TusRequest, id: string): Promise<void> {
    if (req.method === 'POST') return;
    const caller = callerOf(req);
    const info = await this.endpoint.store.configstore.get(id);
    if (info?.metadata?.[OWNER_KEY] !== caller.id) throw new NotFoundException('Upload not found');
    if (req.method === 'PATCH') await this.ownerLock(caller.id, () => this.fitPatch(req, id));
  }

  /**
   * PATCH (under the owner's lock): the upload's length, declared now or before, must fit the
   * room its owner has besides it; a deferred-length upload claims what this request may bring
   * it to (with its Content-Length, or all the room for a stream without one), so concurrent
   * PATCHes of other uploads see it. Past the room, the upload is removed so it reserves
   * nothing, and the answer is 403 with the numbers.
   */
  private async fitPatch(req: TusRequest, id: string): Promise<void> {
    const room = await this.quota.room(callerOf(req).id, id);
    if (room.remainingBytes === null) return;
    const upload = await this.endpoint.store.getUpload(id).catch(() => undefined);
    if (!upload) return; // tus answers: gone, expired
    const length = upload.size ?? lengthHeader(req, 'upload-length');
    const body = lengthHeader(req, 'content-length');
    // A stream of unknown length needs at least one byte more than the upload has.
    const needed = length ?? upload.offset + (body ?? 1);
    if (!fits(room, needed)) {
      await this.endpoint.forget(id);
      throw new StorageQuotaExceededException(room, needed);
    }
    this.rooms.set(req, room);
    if (length === undefined) {
      await this.reservations.claim(id, body === undefined ? room.remainingBytes : needed);
      this.claims.set(req.runtime!.node!.req, id);
    }
  }

  /** What a PATCH may bring a deferred-length upload to: MAX_CONTENT_LENGTH, or less room. */
  private maxSizeOf(req: TusRequest): number {
    const remaining = this.rooms.get(req)?.remainingBytes;
    if (req.method !== 'PATCH' || remaining === null || remaining === undefined) {
      return this.config.maxUploadBytes;
    }
    return Math.min(this.config.maxUploadBytes, remaining);
  }

  /** A deferred-length upload's stream went past the room (not MAX_CONTENT_LENGTH): 403. */
  private quotaExceeded(req: TusRequest): HttpException | undefined {
    const room = this.rooms.get(req);
    if (room?.remainingBytes === null || room === undefined) return undefined;
    if (room.remainingBytes >= this.config.maxUploadBytes) return undefined;
    return new StorageQuotaExceededException(room, null);
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
        tusUploadId: upload.id,
      });
      return { headers: { [TUS_MEDIA_ID_HEADER]: media.id } };
    } finally {
      await this.endpoint.forget(upload.id);
    }
  }
}
