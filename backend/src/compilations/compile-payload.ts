import { randomInt } from 'node:crypto';
import {
  COMPILE_QUALITY_CRF,
  COMPILE_RESOLUTION_SIZES,
  defaultCompileSettings,
  estimateCompileSeconds,
  type ArrangementDto,
  type CompileMediaRef,
  type CompilePayload,
  type CompileSettingsDto,
  type ProjectOutputSettings,
  type StartCompileRequest,
  type TimelineDto,
} from '@clippyfront/shared';

/** The request's choices, else the project's output settings. */
export function compileSettings(
  output: ProjectOutputSettings,
  request: StartCompileRequest,
): CompileSettingsDto {
  const defaults = defaultCompileSettings(output);
  return {
    resolution: request.resolution ?? defaults.resolution,
    fps: request.fps ?? defaults.fps,
    format: request.format ?? defaults.format,
    quality: request.quality ?? defaults.quality,
  };
}

export interface CompileInputs {
  projectId: string;
  projectName: string;
  maxClipSeconds: number;
  settings: CompileSettingsDto;
  timeline: TimelineDto;
  arrangement: ArrangementDto;
  /** Names of the arrangement's media and of the clips' files, by id. */
  mediaNames: Map<string, string>;
  /** Content hashes of the arrangement's media, by id (see CompileMediaRef.sha256). */
  mediaHashes: Map<string, string>;
  watermark: boolean;
  estimatedSeconds: number;
}

/** The output length the compile will make (the same sum as the SPA's Arrange and Compile steps). */
export function estimateOutputSeconds(
  timeline: TimelineDto,
  arrangement: ArrangementDto,
  durations: Map<string, number | null>,
): number {
  const seconds = (id: string | null) => (id ? (durations.get(id) ?? 0) : null);
  return estimateCompileSeconds({
    clipSeconds: timeline.items.map((clip) => clip.playSeconds ?? 0),
    introSeconds: seconds(arrangement.introId),
    outroSeconds: seconds(arrangement.outroId),
    transitionSeconds: arrangement.transitionIds.map((id) => durations.get(id) ?? 0),
    randomize: arrangement.randomizeTransitions,
  });
}

/** What the worker needs to render the project: everything by id, nothing to look up later. */
export function compilePayload(inputs: CompileInputs): CompilePayload {
  const { arrangement, mediaNames, mediaHashes, settings } = inputs;
  const ref = (mediaId: string): CompileMediaRef => {
    const sha256 = mediaHashes.get(mediaId);
    return { mediaId, name: mediaNames.get(mediaId) ?? mediaId, ...(sha256 && { sha256 }) };
  };
  return {
    projectId: inputs.projectId,
    outputName: inputs.projectName,
    output: {
      ...COMPILE_RESOLUTION_SIZES[settings.resolution],
      fps: settings.fps,
      format: settings.format,
      crf: COMPILE_QUALITY_CRF[settings.quality],
    },
    intro: arrangement.introId ? ref(arrangement.introId) : null,
    outro: arrangement.outroId ? ref(arrangement.outroId) : null,
    clips: inputs.timeline.items.map((clip) => ({
      clipId: clip.id,
      mediaId: clip.mediaId!,
      title: clip.title,
      fileName: mediaNames.get(clip.mediaId!) ?? null,
      creatorName: clip.creatorName,
      gameName: clip.gameName,
      avatarAvailable: clip.hasAvatar || !!clip.creatorName,
      maxSeconds: inputs.maxClipSeconds,
    })),
    transitions: arrangement.transitionIds.map(ref),
    randomizeTransitions: arrangement.randomizeTransitions,
    seed: randomInt(2 ** 31),
    watermark: inputs.watermark,
    estimatedSeconds: inputs.estimatedSeconds,
  };
}
