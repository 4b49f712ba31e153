import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkerEntity } from './worker.entity.js';
import { WorkersRepository } from './workers.repository.js';
import { WorkersService } from './workers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([WorkerEntity])],
  providers: [WorkersRepository, WorkersService],
  exports: [WorkersService],
})
export class WorkersModule {}
