import { ApiProperty } from '@nestjs/swagger';
import {
  INGEST_ACTIONS,
  INGEST_STATES,
  type IngestAction,
  type IngestArtifactDto,
  type IngestImportDto,
  type IngestScanResultDto,
  type IngestSettingsDto,
  type IngestState,
  type IngestStatusDto,
} from '@clippyfront/shared';

class IngestSettingsResponse implements IngestSettingsDto {
  @ApiProperty({ description: 'INGEST_IMPORT_ENABLED' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'INGEST_ROOT' }) root: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'INGEST_IMPORT_USERNAME' })
  username: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'INGEST_IMPORT_PROJECT' })
  project: string | null;
  @ApiProperty({ description: 'INGEST_IMPORT_CREATE_PROJECT' }) createProject: boolean;
  @ApiProperty({ description: 'INGEST_IMPORT_PATTERN (file-name glob)' }) pattern: string;
  @ApiProperty({ enum: INGEST_ACTIONS, description: 'INGEST_IMPORT_ACTION' })
  action: IngestAction;
  @ApiProperty({ description: 'INGEST_IMPORT_STABLE_SECONDS' }) stableSeconds: number;
  @ApiProperty({ type: [String], description: 'INGEST_IMPORT_WORKER_IDS; empty: all' })
  workerIds: string[];
  @ApiProperty({ description: 'INGEST_IMPORT_INTERVAL_SECONDS' }) intervalSeconds: number;
}

class IngestArtifactResponse implements IngestArtifactDto {
  @ApiProperty() workerId: string;
  @ApiProperty() artifact: string;
  @ApiProperty({ type: String, nullable: true }) file: string | null;
  @ApiProperty({ enum: INGEST_STATES }) state: IngestState;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ enum: ['compilation', 'clip'] }) mediaType: 'compilation' | 'clip';
  @ApiProperty({ type: String, nullable: true }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) mediaId: string | null;
}

class IngestCounts implements Record<IngestState, number> {
  @ApiProperty() imported: number;
  @ApiProperty() skipped: number;
  @ApiProperty() waiting: number;
  @ApiProperty() failed: number;
}

export class IngestScanResponse implements IngestScanResultDto {
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) finishedAt: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: IngestCounts }) counts: IngestCounts;
  @ApiProperty({ type: [IngestArtifactResponse] }) artifacts: IngestArtifactResponse[];
}

class IngestImportResponse implements IngestImportDto {
  @ApiProperty({ description: '<workerId>/<artifact>/<file> under INGEST_ROOT' }) path: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'uuid' }) mediaId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) projectId: string | null;
  @ApiProperty({ format: 'date-time' }) importedAt: string;
}

export class IngestStatusResponse implements IngestStatusDto {
  @ApiProperty({ type: IngestSettingsResponse }) settings: IngestSettingsResponse;
  @ApiProperty({ type: IngestScanResponse, nullable: true }) lastScan: IngestScanResponse | null;
  @ApiProperty() importedTotal: number;
  @ApiProperty({ type: [IngestImportResponse] }) recentImports: IngestImportResponse[];
}
