import type { DataSourceOptions } from 'typeorm';
import { AutomationRunEntity } from '../automation/automation-run.entity.js';
import { AutomationScheduleEntity } from '../automation/automation-schedule.entity.js';
import { AutomationTaskEntity } from '../automation/automation-task.entity.js';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { ClipEntity } from '../clips/clip.entity.js';
import { IngestImportEntity } from '../ingest/ingest-import.entity.js';
import { JobEntity } from '../jobs/job.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { ThemeEntity } from '../themes/theme.entity.js';
import { TierEntity } from '../tiers/tier.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { WorkerEntity } from '../workers/worker.entity.js';
import { WorkerRegistrationTokenEntity } from '../workers/worker-registration-token.entity.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export const ENTITIES = [
  JobEntity,
  WorkerEntity,
  WorkerRegistrationTokenEntity,
  TierEntity,
  UserEntity,
  SessionEntity,
  ApiTokenEntity,
  MediaEntity,
  ProjectEntity,
  ClipEntity,
  CompilationEntity,
  ThemeEntity,
  IngestImportEntity,
  AutomationTaskEntity,
  AutomationScheduleEntity,
  AutomationRunEntity,
];

/** One definition for the app, the migration CLI and the tests. Never `synchronize`. */
export function buildDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize },
  };
}
