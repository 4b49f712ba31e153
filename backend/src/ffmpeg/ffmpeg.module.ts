import { Global, Module } from '@nestjs/common';
import { FfmpegService } from './ffmpeg.service.js';

@Global()
@Module({ providers: [FfmpegService], exports: [FfmpegService] })
export class FfmpegModule {}
