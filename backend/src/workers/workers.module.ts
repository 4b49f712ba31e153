import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkerRegistrationTokenEntity } from './worker-registration-token.entity.js';
import { WorkerEntity } from './worker.entity.js';
import { WorkersRepository } from './workers.repository.js';
import { WorkersService } from './workers.service.js';
import { WorkerTokenGuard } from './worker-token.guard.js';

@Module({
  imports: [TypeOrmModule.forFeature([WorkerEntity, WorkerRegistrationTokenEntity])],
  providers: [WorkersRepository, WorkersService, WorkerTokenGuard],
  exports: [WorkersService, WorkerTokenGuard],
})
export class WorkersModule {}
