import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUsersController } from '../admin/admin-users.controller.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { JobEntity } from '../jobs/job.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AdminBootstrapService } from './admin-bootstrap.service.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { AuthController } from './auth.controller.js';
import { ApiTokenStrategy } from './api-token.strategy.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginLimiter } from './login-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionCookieStrategy } from './session-cookie.strategy.js';
import { SessionEntity } from './session.entity.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, ApiTokenEntity, JobEntity])],
  controllers: [AuthController, AdminUsersController],
  providers: [
    UsersRepository,
    UsersService,
    SessionsRepository,
    ApiTokensRepository,
    JobsRepository,
    PasswordHasher,
    LoginLimiter,
    AuthService,
    AdminBootstrapService,
    ApiTokenStrategy,
    SessionCookieStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, AuthService],
})
export class AuthModule {}
