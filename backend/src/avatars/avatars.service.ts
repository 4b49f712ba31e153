import { Inject, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { APP_CONFIG, TWITCH_DEFAULTS, type AppConfig } from '../config/app-config.js';
import { AvatarsRepository, sanitizeCreatorName } from './avatars.repository.js';
import { CLIP_AVATAR_LOOKUP, type ClipAvatarLookup } from './clip-avatar-lookup.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_TIMEOUT_MS = 10_000;
/** A downloaded avatar younger than this is used again instead of downloading a new one. */
export const AVATAR_REUSE_MS = 24 * 60 * 60 * 1000;
/** Where Twitch serves profile images; the only host avatars come from in production. */
export const TWITCH_IMAGE_HOST = 'static-cdn.jtvnw.net';
const IMAGE_TYPES = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/webp', 'webp'],
]);

/** An avatar that could not be fetched or stored; the message says why. */
export class AvatarError extends Error {
  override name = 'AvatarError';
}

export interface AvatarCleanupReport {
  folder: string;
  keep: number;
  dryRun: boolean;
  creators: number;
  kept: number;
  /** File names removed (on a dry run: that would be removed). */
  deleted: string[];
  /** Beyond `keep` but named by a clip's avatar_path, so left alone. */
  protected: string[];
  /** False when no clips table was available to ask. */
  referencesChecked: boolean;
}

@Injectable()
export class AvatarsService {
  private readonly logger = new Logger(AvatarsService.name);
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly files: AvatarsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CLIP_AVATAR_LOOKUP) private readonly clips?: ClipAvatarLookup,
  ) {}

  /**
   * The creator's avatar as a canonical path: the newest downloaded file when younger than
   * 24 h, else `imageUrl` downloaded now (then older files pruned to AVATARS_KEEP).
   * Throws AvatarError when the image cannot be fetched or is not a PNG, JPEG or WebP.
   */
  async fetchAvatar(creatorName: string, imageUrl: string): Promise<string> {
    const creator = sanitizeCreatorName(creatorName);
    const running = this.inFlight.get(creator);
    if (running) return running;
    const work = this.reuseOrDownload(creator, imageUrl).finally(() =>
      this.inFlight.delete(creator),
    );
    this.inFlight.set(creator, work);
    return work;
  }

  /** Canonical path of the creator's newest downloaded avatar when younger than 24 h. */
  async recentAvatar(creatorName: string): Promise<string | null> {
    const [newest] = await this.files.cachedFor(sanitizeCreatorName(creatorName));
    return newest && Date.now() - newest.takenAt < AVATAR_REUSE_MS
      ? this.files.canonicalPath(newest.file)
      : null;
  }

  /** Runtime path of the creator's avatar: `<name>.<ext>` placed by hand, else the newest. */
  async resolve(creatorName: string): Promise<string | null> {
    const creator = sanitizeCreatorName(creatorName);
    const manual = await this.files.manual(creator);
    if (manual) return manual;
    const [newest] = await this.files.cachedFor(creator);
    return newest ? this.files.runtimePath(newest.file) : null;
  }

  /** Runtime path of a clip's avatar: its stored file, else by its creator's name; else 404. */
  async forClip(clipId: string, scope: OwnerScope): Promise<string> {
    if (!this.clips) throw new NotFoundException('Clip not found');
    const clip = notFoundUnlessOwned(await this.clips.findAvatar(clipId), scope, 'Clip');
    const path =
      (clip.avatarPath && (await this.files.runtimePath(clip.avatarPath))) ||
      (clip.creatorName && (await this.resolve(clip.creatorName)));
    if (!path) throw new NotFoundException('This clip has no creator avatar');
    return path;
  }

  /** Keeps the newest `keep` downloaded files of every creator; clip-referenced ones stay. */
  async cleanup(keep = this.config.avatars.keep, dryRun = false): Promise<AvatarCleanupReport> {
    const cached = await this.files.cached();
    const report: AvatarCleanupReport = {
      folder: this.files.folder,
      keep,
      dryRun,
      creators: cached.size,
      kept: 0,
      deleted: [],
      protected: [],
      referencesChecked: !!this.clips,
    };
    const surplus = [...cached.values()].flatMap((list) => list.slice(keep).map((a) => a.file));
    report.kept = [...cached.values()].reduce((n, list) => n + Math.min(list.length, keep), 0);
    const referenced = await this.referenced(surplus);
    for (const file of surplus) {
      if (referenced.has(file)) {
        report.protected.push(file);
        continue;
      }
      if (!dryRun) await this.files.remove(file);
      report.deleted.push(file);
    }
    return report;
  }

  private async reuseOrDownload(creator: string, imageUrl: string): Promise<string> {
    const recent = await this.recentAvatar(creator);
    if (recent) return recent;
    const { bytes, extension } = await this.download(imageUrl);
    const file = await this.files.write(creator, bytes, extension);
    await this.prune(creator).catch((error: Error) =>
      this.logger.warn(`Could not prune avatars of "${creator}": ${error.message}`),
    );
    return this.files.canonicalPath(file);
  }

  private async prune(creator: string): Promise<void> {
    const surplus = (await this.files.cachedFor(creator))
      .slice(this.config.avatars.keep)
      .map((avatar) => avatar.file);
    const referenced = await this.referenced(surplus);
    for (const file of surplus) if (!referenced.has(file)) await this.files.remove(file);
  }

  private async referenced(files: string[]): Promise<Set<string>> {
    if (!files.length || !this.clips) return new Set();
    return this.clips.referencedAmong(files);
  }

  private async download(imageUrl: string): Promise<{ bytes: Uint8Array; extension: string }> {
    const url = this.allowedUrl(imageUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'error',
        signal: AbortSignal.timeout(AVATAR_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new AvatarError(
        timedOut
          ? `The avatar did not arrive within ${AVATAR_TIMEOUT_MS / 1000} s`
          : `The avatar could not be fetched from ${url.host}`,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AvatarError(`The avatar URL answered HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, AVATAR_MAX_BYTES);
    const type = await fileTypeFromBuffer(bytes);
    const extension = type && IMAGE_TYPES.get(type.mime);
    if (!extension) {
      throw new AvatarError(
        `The avatar is not a PNG, JPEG or WebP image (${type?.mime ?? 'unknown content'})`,
      );
    }
    return { bytes, extension };
  }

  /**
   * The URL comes from Twitch's answer, yet it is fetched by this server: only
   * https://static-cdn.jtvnw.net is allowed, plus TWITCH_API_BASE's own origin when that is
   * not the default (a local fake in tests). Redirects are refused.
   */
  private allowedUrl(imageUrl: string): URL {
    let url: URL;
    try {
      url = new URL(imageUrl);
    } catch {
      throw new AvatarError('The avatar URL is not a URL');
    }
    const apiBase = this.config.twitch.apiBase;
    const cdn = url.protocol === 'https:' && url.hostname === TWITCH_IMAGE_HOST && !url.port;
    const fake = apiBase !== TWITCH_DEFAULTS.apiBase && url.origin === new URL(apiBase).origin;
    if ((!cdn && !fake) || url.username || url.password) {
      throw new AvatarError(`Avatars are only fetched from https://${TWITCH_IMAGE_HOST}`);
    }
    return url;
  }
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    await response.body?.cancel();
    throw new AvatarError(`The avatar is larger than ${limit} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > limit) throw new AvatarError(`The avatar is larger than ${limit} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AvatarError) throw error;
    throw new AvatarError(`The avatar download broke off: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}
