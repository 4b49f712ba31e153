import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '../users/user.entity.js';
import { TierEntity } from './tier.entity.js';
import { TiersController } from './tiers.controller.js';
import { TiersRepository } from './tiers.repository.js';
import { TiersService } from './tiers.service.js';

/** Global: accounts (assignment) and the storage quota read users' tiers. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TierEntity, UserEntity])],
  controllers: [TiersController],
  providers: [TiersRepository, TiersService],
  exports: [TiersRepository, TiersService],
})
export class TiersModule {}
