import {
  HttpException,
  HttpStatus,
  Injectable,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FfmpegRepository } from '@clippyfront/worker';
import { FfmpegService } from '../ffmpeg/ffmpeg.service.js';
import type { MediaEntity } from './media.entity.js';
import { MediaFilesRepository } from './media-files.repository.js';

export type MediaMetadata = Pick<
  MediaEntity,
  'durationSeconds' | 'width' | 'height' | 'fps' | 'videoCodec' | 'audioCodec' | 'hasAudio'
>;

export interface InspectedMedia {
  mime: string;
  kind: 'video' | 'image';
  metadata: MediaMetadata;
}

/** What a file really is: its magic bytes say the format, and ffprobe must decode it. */
@Injectable()
export class MediaInspector {
  constructor(
    private readonly files: MediaFilesRepository,
    private readonly ffmpeg: FfmpegService,
  ) {}

  /** 415 when not video or image, 422 when it cannot be decoded, 503 without ffprobe. */
  async inspect(path: string): Promise<InspectedMedia> {
    const detected = await this.files.detect(path);
    const kind = detected?.mime.split('/')[0];
    if (!detected || (kind !== 'video' && kind !== 'image')) {
      throw new UnsupportedMediaTypeException(
        `Only video and image files are accepted; this file is ${detected?.mime ?? 'not a known media format'}`,
      );
    }
    return { mime: detected.mime, kind, metadata: await this.probe(path, kind) };
  }

  private async probe(path: string, kind: 'video' | 'image'): Promise<MediaMetadata> {
    const location = this.ffmpeg.location;
    if (!location.ffprobePath) {
      throw new HttpException(
        'ffprobe is not available on the server',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    let probed;
    try {
      probed = await new FfmpegRepository(location).probe(path);
    } catch (error) {
      throw new UnprocessableEntityException(
        `The file cannot be decoded: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const video = probed.video;
    if (!video?.width || !video.height || (kind === 'video' && !(probed.durationSeconds > 0))) {
      throw new UnprocessableEntityException(`The file cannot be decoded as ${kind}`);
    }
    return {
      durationSeconds: kind === 'video' ? probed.durationSeconds : null,
      width: video.width,
      height: video.height,
      fps: kind === 'video' ? (video.fps ?? null) : null,
      videoCodec: video.codec,
      audioCodec: probed.audio?.codec ?? null,
      hasAudio: !!probed.audio,
    };
  }
}
