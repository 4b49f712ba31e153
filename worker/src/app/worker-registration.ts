import { setTimeout as sleep } from 'node:timers/promises';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  WORKER_REVOKED_MARK,
  type WorkerHeartbeatRequest,
  type WorkerRegisterRequest,
  type WorkerRegisterResponse,
} from '@clippyfront/shared';
import { ApiError, withRetries } from './api-retry.js';
import type { WorkerConfig } from './worker-config.js';
import type { SavedWorkerToken, WorkerStateStore } from './worker-state.js';

/** The worker may not go on: its token was refused (revoked), or it has nothing to register with. */
export class WorkerAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerAuthError';
  }
}

const RATE_LIMIT_WAIT_MS = 10_000;

export const isRevoked = (error: unknown) =>
  error instanceof ApiError && error.status === 401 && error.message.includes(WORKER_REVOKED_MARK);

export interface RegistrationDeps {
  store: WorkerStateStore;
  /** POST /api/worker/register with the shared key or a registration token. */
  register: (credential: string, about: WorkerRegisterRequest) => Promise<WorkerRegisterResponse>;
  /** The first heartbeat with `token`: proves it and tells the API this process started. */
  hello: (token: string, beat: WorkerHeartbeatRequest) => Promise<void>;
  log: (message: string) => void;
  warn: (message: string) => void;
}

/**
 * The worker's own token: the saved one, else one got by registering (saved 0600 for the next
 * start). A saved token the API does not know (a new database, another API) is replaced by
 * registering again; a revoked one is not: an admin meant this worker to stop.
 */
export async function obtainWorkerToken(
  config: WorkerConfig,
  about: WorkerRegisterRequest,
  bootId: string,
  deps: RegistrationDeps,
): Promise<SavedWorkerToken> {
  const retry = <T>(call: () => Promise<T>) =>
    withRetries(call, { retrySeconds: config.apiRetrySeconds });
  const registered = async (): Promise<SavedWorkerToken> => {
    const credential = config.apiKey ?? config.registrationToken;
    if (!credential) {
      throw new WorkerAuthError(
        `No worker token in ${deps.store.path}: set WORKER_API_KEY or WORKER_REGISTRATION_TOKEN to register`,
      );
    }
    // Many workers starting behind one address may meet the API's registration rate limit.
    const registerPatiently = async () => {
      const deadline = Date.now() + config.apiRetrySeconds * 1000;
      for (;;) {
        try {
          return await deps.register(credential, about);
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 429) || Date.now() > deadline) {
            throw error;
          }
          deps.warn(`Registration rate-limited (${error.message}); trying again in 10 s`);
          await sleep(RATE_LIMIT_WAIT_MS);
        }
      }
    };
    const answer = await retry(registerPatiently).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) {
        throw new WorkerAuthError(`Registration refused: ${error.message}`);
      }
      throw error;
    });
    const saved = { apiUrl: config.apiUrl, workerId: answer.workerId, token: answer.token };
    await deps.store.save(saved);
    deps.log(`Registered as worker ${saved.workerId}; token saved in ${deps.store.path}`);
    return saved;
  };
  const hello = (saved: SavedWorkerToken) =>
    retry(() => deps.hello(saved.token, { ...about, workerId: saved.workerId, bootId }));

  const stored = await deps.store.read();
  let saved = stored?.apiUrl === config.apiUrl ? stored : null;
  if (stored && !saved) deps.warn(`The saved worker token is for ${stored.apiUrl}; registering`);
  saved ??= await registered();
  try {
    await hello(saved);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    if (isRevoked(error)) {
      throw new WorkerAuthError(
        `${error.message}. This worker stops. To let this machine work again, an admin ` +
          `decides: delete ${deps.store.path} and start it (it registers as a new worker).`,
      );
    }
    deps.warn(`The API does not know the saved worker token (${error.message}); registering again`);
    saved = await registered();
    await hello(saved);
  }
  return saved;
}

/** The registration and first-heartbeat calls, over fetch. */
export function registrationCalls(
  apiUrl: string,
  timeoutMs = 30_000,
): Pick<RegistrationDeps, 'register' | 'hello'> {
  const post = async <T>(path: string, credential: string, body: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WORKER_KEY_HEADER]: credential },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiError(response.status, `${path}: ${response.status} ${text.slice(0, 200)}`);
    }
    if (!response.ok) {
      const message = (data as { message?: unknown } | undefined)?.message;
      throw new ApiError(response.status, `${path}: ${response.status} ${String(message ?? '')}`);
    }
    return data as T;
  };
  return {
    register: (credential, about) => post(API_PATHS.worker.register, credential, about),
    hello: async (token, beat) => {
      await post(API_PATHS.worker.heartbeat, token, beat);
    },
  };
}
