import { Module } from '@nestjs/common';
import { AdvisoryLock } from './advisory-lock.service.js';

/** One AdvisoryLock (and its lock connections) for every module that imports this. */
@Module({ providers: [AdvisoryLock], exports: [AdvisoryLock] })
export class AdvisoryLockModule {}
