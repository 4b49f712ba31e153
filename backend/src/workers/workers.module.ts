import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkerRegistrationTokenEntity } from './worker-registration-token.entity.js';
import { WorkerEntity } from './worker.entity.js';
import { WorkersRepository } from './workers.repository.js';
import { WorkersService } from './workers.service.js';
import { WorkerTokenGuard } from './worker-token.guard.js';
import { WorkerTokenStrategy } from './worker-token.strategy.js';

@Module({
  imports: [TypeOrmModule.forFeature([WorkerEntity, WorkerRegistrationTokenEntity])],
  providers: [WorkersRepository, WorkersService, WorkerTokenStrategy, WorkerTokenGuard],
  exports: [WorkersService, WorkerTokenStrategy, WorkerTokenGuard],
})
export class WorkersModule {}
