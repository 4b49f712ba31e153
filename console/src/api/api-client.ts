import {
  API_PATHS,
  JOB_STATES,
  type AdminProjectListDto,
  type HealthAnswer,
  type JobDto,
  type JobListDto,
  type JobState,
  type SystemInfoDto,
} from '@clippyfront/shared';

/** What one poll of the API tells the status pane. */
export interface ApiSnapshot {
  health: HealthAnswer;
  /** null: no admin view (no token, or a token that is not an admin's); `adminError` says why. */
  admin: AdminSnapshot | null;
  adminError: string | null;
}

export interface AdminSnapshot {
  system: SystemInfoDto;
  running: JobDto[];
  jobCounts: Record<JobState, number>;
  projects: number;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Running jobs listed at most (the count comes from the list's total). */
const RUNNING_LIMIT = 50;

/** The admin API, read-only: health, system facts, jobs and project counts. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
    private readonly timeoutMs = 5000,
  ) {}

  async snapshot(): Promise<ApiSnapshot> {
    // A degraded instance answers its health with 503 and the same body.
    const health = await this.get<HealthAnswer>(API_PATHS.health, [503]);
    if (!this.token) {
      return {
        health,
        admin: null,
        adminError: 'no admin API token: pass --token or --token-file',
      };
    }
    try {
      return { health, admin: await this.admin(), adminError: null };
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      const why =
        error.status === 401
          ? 'the API token was refused (401): make a new one'
          : error.status === 403
            ? 'the API token is not an admin’s (403)'
            : error.message;
      return { health, admin: null, adminError: why };
    }
  }

  private async admin(): Promise<AdminSnapshot> {
    const count = async (state: JobState) =>
      (await this.get<JobListDto>(`${API_PATHS.jobs}?state=${state}&limit=1`)).total;
    const others = JOB_STATES.filter((state) => state !== 'running');
    const [system, running, projects, ...counts] = await Promise.all([
      this.get<SystemInfoDto>(API_PATHS.admin.system),
      this.get<JobListDto>(`${API_PATHS.jobs}?state=running&limit=${RUNNING_LIMIT}`),
      this.get<AdminProjectListDto>(`${API_PATHS.admin.projects}?limit=1`),
      ...others.map(count),
    ]);
    const jobCounts = Object.fromEntries(others.map((state, i) => [state, counts[i]!])) as Record<
      JobState,
      number
    >;
    jobCounts.running = running.total;
    return { system, running: running.items, jobCounts, projects: projects.total };
  }

  private async get<T>(path: string, alsoAccepted: number[] = []): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: {
        accept: 'application/json',
        ...(this.token && { authorization: `Bearer ${this.token}` }),
      },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiRequestError(
        response.status,
        `${path} did not answer JSON (${response.status})`,
      );
    }
    if (!response.ok && !(alsoAccepted.includes(response.status) && body)) {
      const message = (body as { message?: unknown } | undefined)?.message;
      throw new ApiRequestError(
        response.status,
        `${path}: ${response.status}${message ? ` ${String(message)}` : ''}`,
      );
    }
    return body as T;
  }
}
