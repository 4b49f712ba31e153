/** Tiers (plans): what a user may store and render, and the caps on what they render. */
import { OUTPUT_RESOLUTIONS, type OutputResolution } from './projects.js';

/** A tier caps the output at one of the resolutions a project offers. */
export const TIER_RESOLUTIONS = OUTPUT_RESOLUTIONS;
export type TierResolution = OutputResolution;

/** Limits also enforced by the API's validation. */
export const TIER_RULES = {
  nameMaxLength: 64,
  descriptionMaxLength: 500,
  maxFpsMax: 240,
} as const;

/** What a tier lets its users do; null limits mean none. */
export interface TierCapsDto {
  maxResolution: TierResolution;
  maxFps: number;
  /** null: no cap. */
  maxClipsPerProject: number | null;
  watermark: boolean;
  unlimited: boolean;
  canSchedule: boolean;
  maxSchedulesPerUser: number;
}

export interface TierDto extends TierCapsDto {
  id: string;
  name: string;
  description: string;
  /** null: no limit of its own (STORAGE_QUOTA applies). */
  storageLimitBytes: number | null;
  /** null: no monthly render-time limit. */
  monthlyRenderSeconds: number | null;
  active: boolean;
  /** The tier new users get; exactly one tier is the default. */
  isDefault: boolean;
  /** How many users have this tier. */
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTierRequest {
  name: string;
  description?: string;
  storageLimitBytes?: number | null;
  monthlyRenderSeconds?: number | null;
  watermark?: boolean;
  unlimited?: boolean;
  active?: boolean;
  maxResolution?: TierResolution;
  maxFps?: number;
  maxClipsPerProject?: number | null;
  canSchedule?: boolean;
  maxSchedulesPerUser?: number;
  /** true makes it the default and clears the flag on the others. */
  isDefault?: boolean;
}

export type UpdateTierRequest = Partial<CreateTierRequest>;

/** `GET /api/auth/me/usage`: the caller's plan and how much of it they used. */
export interface UsageDto {
  /** null: the user has no tier (STORAGE_QUOTA applies and the watermark is on). */
  tier: (TierCapsDto & { id: string; name: string }) | null;
  storage: {
    usedBytes: number;
    /** null: no limit. */
    limitBytes: number | null;
  };
  render: {
    /** Output duration of the compiles that finished this UTC calendar month. */
    usedSecondsThisMonth: number;
    /** null: no limit. */
    limitSeconds: number | null;
    /** The first instant of the next UTC month (ISO 8601). */
    resetsAt: string;
  };
}

/** 403 of `POST /api/projects/:id/compile` when the render would go over the month's time. */
export interface RenderQuotaExceededDto {
  statusCode: 403;
  message: string;
  /** Render seconds left this UTC month (queued and running compiles' estimates taken off). */
  remainingSeconds: number;
  limitSeconds: number;
  /** This compile's estimated output length (see estimateCompileSeconds). */
  estimatedSeconds: number;
}

/** 403 of `POST /api/projects/:id/compile` when the timeline has more clips than the tier allows. */
export interface ClipCapExceededDto {
  statusCode: 403;
  message: string;
  maxClipsPerProject: number;
  clipCount: number;
}

/** Every storage-quota refusal (uploads, tus creation, clip downloads). */
export interface StorageQuotaExceededDto {
  statusCode: 403;
  message: string;
  remainingBytes: number;
  limitBytes: number;
}
