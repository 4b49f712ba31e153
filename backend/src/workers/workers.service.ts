import { randomBytes } from 'node:crypto';
import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  queueDeprecationMessage,
  resolveQueueNames,
  WORKER_REGISTRATION_TOKEN_PREFIX,
  WORKER_REVOKED_MARK,
  WORKER_TOKEN_PREFIX,
  type AdminWorkerDto,
  type WorkerDto,
  type WorkerHeartbeatRequest,
  type WorkerRegisterRequest,
  type WorkerRegisterResponse,
  type WorkerRegistrationTokenDto,
} from '@clippyfront/shared';
import { randomSecret, sameString, sha256 } from '../auth/secrets.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { WorkerEntity } from './worker.entity.js';
import { WorkersRepository, type KnownQueues, type WorkerJobCounts } from './workers.repository.js';

/** The worker a request comes from, as its token says. */
export interface AuthWorker {
  id: string;
  name: string;
}

export const DEFAULT_REGISTRATION_TOKEN_MINUTES = 60;
const NO_JOBS: WorkerJobCounts = { running: 0, completed: 0, failed: 0 };

/**
 * Worker identity: registration (WORKER_API_KEY or a one-time registration token buys a worker
 * its own token), authentication by that token (no cache: a revoked token fails on its next
 * call), revocation, and which workers are alive by their last heartbeat.
 */
@Injectable()
export class WorkersService {
  private readonly logger = new Logger(WorkersService.name);
  /** Workers already told (in this process) that a queue name they sent is deprecated. */
  private readonly warnedDeprecated = new Set<string>();
  /**
   * Workers whose last word named `cpu`: only versions from before the rename send it (newer
   * ones resolve WORKER_QUEUES themselves), and those consume the old `cpu` Bull queue.
   */
  private readonly legacyConsumers = new Set<string>();

  constructor(
    private readonly workers: WorkersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `credential`: WORKER_API_KEY or an unused, unexpired registration token; else 401. */
  async register(
    credential: string,
    about: WorkerRegisterRequest,
  ): Promise<WorkerRegisterResponse> {
    const workerId = `${about.name.replace(/[^\w.:@-]/g, '_').slice(0, 100)}-${randomBytes(4).toString('hex')}`;
    const shared = this.config.workerApiKey;
    const byKey = !!shared && sameString(credential, shared);
    if (!byKey) {
      const used =
        credential.startsWith(WORKER_REGISTRATION_TOKEN_PREFIX) &&
        (await this.workers.useRegistrationToken(sha256(credential), workerId));
      if (!used) {
        throw new UnauthorizedException(
          'Registering needs WORKER_API_KEY or an unused, unexpired registration token',
        );
      }
    }
    const token = `${WORKER_TOKEN_PREFIX}${randomSecret()}`;
    await this.workers.create(
      workerId,
      this.knownQueues(workerId, about),
      sha256(token),
      new Date(),
    );
    return { workerId, token };
  }

  /** The worker holding `token`; 401 for an unknown or revoked one (said so: no re-register). */
  async authenticate(token: string | undefined): Promise<AuthWorker> {
    const worker = token?.startsWith(WORKER_TOKEN_PREFIX)
      ? await this.workers.findByTokenHash(sha256(token))
      : null;
    if (!worker) {
      throw new UnauthorizedException(
        'A valid worker token is required (WORKER_API_KEY only registers a worker: POST /api/worker/register)',
      );
    }
    if (worker.revokedAt) {
      throw new UnauthorizedException(
        `Worker ${worker.id} was ${WORKER_REVOKED_MARK} by an admin; its token no longer works`,
      );
    }
    return { id: worker.id, name: worker.name };
  }

  /** Whether `token` is a current (unrevoked) worker token; never throws. */
  async isValidToken(token: string | undefined): Promise<boolean> {
    if (!token?.startsWith(WORKER_TOKEN_PREFIX)) return false;
    return this.authenticate(token).then(
      () => true,
      () => false,
    );
  }

  /** 403 when a request names another worker than its token's. */
  assertSelf(worker: AuthWorker, claimed: string | undefined): void {
    if (claimed !== undefined && claimed !== worker.id) {
      throw new ForbiddenException(
        `workerId "${claimed}" is not this token's worker (${worker.id})`,
      );
    }
  }

  /** Saves the heartbeat; true when the worker process restarted (a new bootId). */
  async heartbeat(worker: AuthWorker, beat: WorkerHeartbeatRequest): Promise<boolean> {
    this.assertSelf(worker, beat.workerId);
    const previous = await this.workers.beat(
      worker.id,
      this.knownQueues(worker.id, beat),
      new Date(),
    );
    return !!beat.bootId && !!previous && previous !== beat.bootId;
  }

  /** The API's own in-process worker: no token, no registration (it never calls the API). */
  heartbeatInProcess(beat: WorkerHeartbeatRequest & { workerId: string }): Promise<void> {
    return this.workers.upsert(this.knownQueues(beat.workerId, beat), new Date());
  }

  /**
   * A deprecated queue name (old workers send `cpu`) stands for its current one; one log line
   * per worker says so, not one per heartbeat.
   */
  private knownQueues<T extends WorkerRegisterRequest>(workerId: string, about: T): KnownQueues<T> {
    const { queues, deprecated } = resolveQueueNames(about.queues);
    if (deprecated.length) this.legacyConsumers.add(workerId);
    else this.legacyConsumers.delete(workerId);
    if (deprecated.length && !this.warnedDeprecated.has(workerId)) {
      this.warnedDeprecated.add(workerId);
      this.logger.warn(queueDeprecationMessage(`Worker ${workerId} (WORKER_QUEUES)`, deprecated));
    }
    return { ...about, queues };
  }

  /** Whether an online worker from before the rename still consumes the old `cpu` Bull queue. */
  async legacyConsumerOnline(): Promise<boolean> {
    if (!this.legacyConsumers.size) return false;
    return (await this.online()).some((worker) => this.legacyConsumers.has(worker.workerId));
  }

  async online(): Promise<WorkerDto[]> {
    const rows = await this.workers.seenSince(this.onlineSince());
    return rows.map((row) => this.toDto(row, true));
  }

  async registered(): Promise<AdminWorkerDto[]> {
    const rows = await this.workers.registered();
    const counts = await this.workers.jobCounts(rows.map((row) => row.id));
    const since = this.onlineSince();
    return rows.map((row) => {
      const jobs = counts.get(row.id) ?? NO_JOBS;
      return {
        ...this.toDto(row, !row.revokedAt && row.lastSeenAt >= since),
        encoder: row.encoder,
        registeredAt: row.createdAt.toISOString(),
        revokedAt: row.revokedAt?.toISOString() ?? null,
        jobsRunning: jobs.running,
        jobsCompleted: jobs.completed,
        jobsFailed: jobs.failed,
      };
    });
  }

  /** 404 for an unknown worker; revoking twice is harmless. */
  async revoke(id: string): Promise<void> {
    const worker = await this.workers.findById(id);
    if (!worker) throw new NotFoundException(`Worker ${id} not found`);
    await this.workers.revoke(id, new Date());
  }

  async createRegistrationToken(
    createdBy: string | null,
    minutes = DEFAULT_REGISTRATION_TOKEN_MINUTES,
  ): Promise<WorkerRegistrationTokenDto> {
    const token = `${WORKER_REGISTRATION_TOKEN_PREFIX}${randomSecret()}`;
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    const row = await this.workers.createRegistrationToken({
      tokenHash: sha256(token),
      createdBy,
      expiresAt,
    });
    return { id: row.id, token, expiresAt: expiresAt.toISOString() };
  }

  private onlineSince(): Date {
    return new Date(Date.now() - this.config.jobs.workerOnlineSeconds * 1000);
  }

  private toDto(row: WorkerEntity, online: boolean): WorkerDto {
    return {
      workerId: row.id,
      name: row.name,
      queues: row.queues,
      concurrency: row.concurrency,
      version: row.version,
      ffmpegVersion: row.ffmpegVersion,
      encoder: row.encoder,
      lastSeenAt: row.lastSeenAt.toISOString(),
      online,
    };
  }
}
