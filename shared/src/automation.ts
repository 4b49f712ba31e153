/**
 * Automation: saved compilation tasks (a clip source, an arrangement, output settings), runs of
 * them (now or on a schedule) and their schedules. Shapes shared by the API, SPA and tests.
 */
import { CLIP_SOURCE_KINDS, type ClipSourceKind } from './clip-sources.js';
import type { ProjectOutputSettings } from './projects.js';

export const TASK_SOURCE_KINDS = CLIP_SOURCE_KINDS;

export const AUTOMATION_RULES = {
  nameMaxLength: 120,
  templateMaxLength: 200,
  /** Clips a run takes at most. */
  maxCount: 100,
  maxLastDays: 365,
  defaultProjectNameTemplate: '{task} {date}',
  /** Saved tasks one user may have (also what the task list holds at most). */
  maxTasksPerUser: 100,
} as const;

/** A broadcaster's clips of the last `lastDays` days: the `count` most viewed (or newest). */
export interface TwitchTaskSource {
  kind: 'twitch';
  /** null: the owner's profile `twitchUsername` when the run starts. */
  username: string | null;
  lastDays: number;
  count: number;
  /** Clips with fewer views are left out (0: none). */
  minViews: number;
  sort: 'views' | 'newest';
}

/** The clip links in a channel's latest messages: the newest `count`. */
export interface DiscordTaskSource {
  kind: 'discord';
  channelId: string;
  count: number;
}

export type TaskSource = TwitchTaskSource | DiscordTaskSource;
export type TaskSourceKind = ClipSourceKind;

/** keep: every run makes a new project; replace: the previous run's project is deleted first. */
export const PREVIOUS_PROJECT_POLICIES = ['keep', 'replace'] as const;
export type PreviousProjectPolicy = (typeof PREVIOUS_PROJECT_POLICIES)[number];

export interface AutomationTaskDto {
  id: string;
  name: string;
  source: TaskSource;
  introId: string | null;
  outroId: string | null;
  transitionIds: string[];
  randomizeTransitions: boolean;
  output: ProjectOutputSettings;
  /** `{task}` becomes the task's name, `{date}` the run's date (YYYY-MM-DD, UTC). */
  projectNameTemplate: string;
  previousProject: PreviousProjectPolicy;
  lastRun: AutomationRunDto | null;
  /** The earliest next run of its enabled schedules; null: none. */
  nextRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTaskRequest {
  name: string;
  source: Partial<TwitchTaskSource> | Partial<DiscordTaskSource>;
  introId?: string | null;
  outroId?: string | null;
  transitionIds?: string[];
  randomizeTransitions?: boolean;
  output?: Partial<ProjectOutputSettings>;
  projectNameTemplate?: string;
  previousProject?: PreviousProjectPolicy;
}

export type UpdateTaskRequest = Partial<CreateTaskRequest>;

export const RUN_TRIGGERS = ['manual', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export const RUN_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const FINISHED_RUN_STATES: readonly RunState[] = ['completed', 'failed', 'cancelled'];

/** The chain a run goes through, in order. */
export const RUN_STAGES = [
  'fetch',
  'project',
  'clips',
  'downloads',
  'timeline',
  'compile',
  'done',
] as const;
export type RunStage = (typeof RUN_STAGES)[number];

export interface SkippedClipDto {
  url: string;
  reason: string;
}

export interface AutomationRunDto {
  id: string;
  taskId: string;
  trigger: RunTrigger;
  scheduleId: string | null;
  state: RunState;
  stage: RunStage;
  /** 0-100 over the whole chain. */
  progress: number;
  projectId: string | null;
  compilationId: string | null;
  /** The finished video (a `compilation` media), once there is one. */
  videoMediaId: string | null;
  skippedClips: SkippedClipDto[];
  error: string | null;
  /** Scheduled runs: the time the schedule was due; a run started much later says so. */
  scheduledFor: string | null;
  late: boolean;
  log: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface AutomationRunListDto {
  items: AutomationRunDto[];
}

/** `POST /api/automation/tasks/:id/run` (202). */
export interface StartRunResponse {
  runId: string;
}

export const SCHEDULE_TYPES = ['daily', 'weekly', 'monthly'] as const;
export type CreatableScheduleType = (typeof SCHEDULE_TYPES)[number];
/** `once` schedules of the original app are read, never created. */
export type ScheduleType = CreatableScheduleType | 'once';

export interface ScheduleDto {
  id: string;
  taskId: string;
  type: ScheduleType;
  /** HH:MM, local to `timezone`. */
  time: string;
  /** Weekly: 0 = Sunday … 6 = Saturday. */
  weekday: number | null;
  /** Monthly: 1-31; a day the month lacks means its last day. */
  dayOfMonth: number | null;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateScheduleRequest {
  type: CreatableScheduleType;
  time: string;
  weekday?: number | null;
  dayOfMonth?: number | null;
  /** Default UTC. */
  timezone?: string;
  enabled?: boolean;
}

export type UpdateScheduleRequest = Partial<CreateScheduleRequest>;

/** `POST /api/automation/scheduler/tick` (admins): the runs this tick started. */
export interface SchedulerTickDto {
  started: { scheduleId: string; runId: string; late: boolean }[];
}
