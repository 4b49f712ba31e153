/** Every API path, in one place, for the API, the SPA, the worker and the tests. */
export const API_PREFIX = 'api';

export const API_PATHS = {
  health: '/api/health',
  openapi: '/api/openapi.json',
  docs: '/api/docs',
  /** Public, outside /api: the active theme (or `?base=light|dark`) as CSS custom properties. */
  themeCss: '/theme.css',
  jobs: '/api/jobs',
  /** Clip sources (Fetch from Twitch / Discord), see clip-sources.ts. */
  clipSources: {
    twitchClips: '/api/twitch/clips',
    discordMessages: '/api/discord/messages',
  },
  job: (id: string) => `/api/jobs/${id}`,
  jobRetry: (id: string) => `/api/jobs/${id}/retry`,
  jobCancel: (id: string) => `/api/jobs/${id}/cancel`,
  probe: '/api/jobs/probe',
  auth: {
    register: '/api/auth/register',
    login: '/api/auth/login',
    logout: '/api/auth/logout',
    me: '/api/auth/me',
    /** The caller's tier, storage and render time used this month. */
    usage: '/api/auth/me/usage',
    password: '/api/auth/password',
    tokens: '/api/auth/tokens',
    token: (id: string) => `/api/auth/tokens/${id}`,
    /** Public: whether self-registration is open (REGISTRATION_OPEN). */
    registration: '/api/auth/registration',
  },
  media: {
    list: '/api/media',
    item: (id: string) => `/api/media/${id}`,
    stream: (id: string) => `/api/media/${id}/stream`,
    thumbnail: (id: string) => `/api/media/${id}/thumbnail`,
    bulk: '/api/media/bulk',
    usage: '/api/media/usage',
    /** tus 1.0 resumable uploads (POST to create, HEAD/PATCH on the returned Location). */
    uploads: '/api/media/uploads',
    raw: (id: string) => `/api/media/raw/${id}`,
  },
  projects: {
    list: '/api/projects',
    item: (id: string) => `/api/projects/${id}`,
    clips: (id: string) => `/api/projects/${id}/clips`,
    clip: (id: string, clipId: string) => `/api/projects/${id}/clips/${clipId}`,
    clipRetry: (id: string, clipId: string) => `/api/projects/${id}/clips/${clipId}/retry`,
    arrangement: (id: string) => `/api/projects/${id}/arrangement`,
    timeline: (id: string) => `/api/projects/${id}/timeline`,
    compile: (id: string) => `/api/projects/${id}/compile`,
    compilations: (id: string) => `/api/projects/${id}/compilations`,
    compilation: (id: string, compilationId: string) =>
      `/api/projects/${id}/compilations/${compilationId}`,
    /** text/plain attachment: the YouTube chapter list of a finished compilation. */
    compilationChapters: (id: string, compilationId: string) =>
      `/api/projects/${id}/compilations/${compilationId}/chapters.txt`,
    /** The compilation's video as an attachment named after the project. */
    compilationDownload: (id: string, compilationId: string) =>
      `/api/projects/${id}/compilations/${compilationId}/download`,
    sharing: (id: string) => `/api/projects/${id}/sharing`,
    sharingRegenerate: (id: string) => `/api/projects/${id}/sharing/regenerate`,
  },
  /** No login: share pages. Sharing off or an unknown id: 404. */
  public: {
    project: (publicId: string) => `/api/public/projects/${publicId}`,
    video: (publicId: string) => `/api/public/projects/${publicId}/video`,
    download: (publicId: string) => `/api/public/projects/${publicId}/download`,
    thumbnail: (publicId: string) => `/api/public/projects/${publicId}/thumbnail`,
  },
  clips: {
    thumbnail: (clipId: string) => `/api/clips/${clipId}/thumbnail`,
    avatar: (clipId: string) => `/api/clips/${clipId}/avatar`,
  },
  automation: {
    tasks: '/api/automation/tasks',
    task: (id: string) => `/api/automation/tasks/${id}`,
    taskRun: (id: string) => `/api/automation/tasks/${id}/run`,
    taskClone: (id: string) => `/api/automation/tasks/${id}/clone`,
    taskRuns: (id: string) => `/api/automation/tasks/${id}/runs`,
    taskSchedules: (id: string) => `/api/automation/tasks/${id}/schedules`,
    run: (id: string) => `/api/automation/runs/${id}`,
    runCancel: (id: string) => `/api/automation/runs/${id}/cancel`,
    schedule: (id: string) => `/api/automation/schedules/${id}`,
    scheduleEnable: (id: string) => `/api/automation/schedules/${id}/enable`,
    scheduleDisable: (id: string) => `/api/automation/schedules/${id}/disable`,
    /** Admins: run the scheduler's tick now. */
    schedulerTick: '/api/automation/scheduler/tick',
  },
  /** Workers (X-Worker-Key): the creator avatar of a clip, for overlays. */
  avatarByClip: (clipId: string) => `/api/avatars/by-clip/${clipId}`,
  admin: {
    users: '/api/admin/users',
    user: (id: string) => `/api/admin/users/${id}`,
    tiers: '/api/admin/tiers',
    tier: (id: string) => `/api/admin/tiers/${id}`,
    system: '/api/admin/system',
    jobsRetryFailed: '/api/admin/jobs/retry-failed',
    projects: '/api/admin/projects',
    project: (id: string) => `/api/admin/projects/${id}`,
    themes: '/api/admin/themes',
    theme: (id: string) => `/api/admin/themes/${id}`,
    themeActivate: (id: string) => `/api/admin/themes/${id}/activate`,
    themeDuplicate: (id: string) => `/api/admin/themes/${id}/duplicate`,
    ingest: '/api/admin/ingest',
    ingestScan: '/api/admin/ingest/scan',
    workers: '/api/admin/workers',
    workerRevoke: (id: string) => `/api/admin/workers/${encodeURIComponent(id)}/revoke`,
    workerRegistrationTokens: '/api/admin/workers/registration-tokens',
  },
  worker: {
    /** WORKER_API_KEY or a one-time registration token in; the worker's own token out. */
    register: '/api/worker/register',
    heartbeat: '/api/worker/heartbeat',
    claim: (id: string) => `/api/worker/jobs/${id}/claim`,
    update: (id: string) => `/api/worker/jobs/${id}/update`,
    complete: (id: string) => `/api/worker/jobs/${id}/complete`,
    fail: (id: string) => `/api/worker/jobs/${id}/fail`,
    /** The worker sends a job's thumbnail here (image/jpeg body, job token in a header). */
    thumbnail: (id: string) => `/api/worker/jobs/${id}/thumbnail`,
    /**
     * tus 1.0 endpoint where a worker sends a job's output file (a download job's video):
     * X-Worker-Key on every request, Upload-Metadata `jobId`, `token` (the claim's) and
     * `filename`. The PATCH that completes it ingests the file as the media of the job's clips
     * and answers `clippy-media-id`, or the refusal (415, 422…); then `complete` the job.
     */
    uploads: '/api/worker/uploads',
    /** Where exported artifacts stand (exported, pushed by the sidecar, failed). */
    artifacts: '/api/worker/artifacts',
  },
} as const;
