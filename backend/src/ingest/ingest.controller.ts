import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { IngestScanResultDto, IngestStatusDto } from '@clippyfront/shared';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { IngestScanResponse, IngestStatusResponse } from './ingest.dto.js';
import { IngestService } from './ingest.service.js';

@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Get()
  @ApiOperation({ summary: 'Ingest importer: settings in effect, last scan, recent imports' })
  @ApiOkResponse({ type: IngestStatusResponse })
  status(): Promise<IngestStatusDto> {
    return this.ingest.status();
  }

  @Post('scan')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Scan INGEST_ROOT now and import what is ready',
    description: 'Waits for a scan under way in any API process, then runs one.',
  })
  @ApiOkResponse({ type: IngestScanResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'The importer is off, or its user, project or root is not usable',
  })
  scan(): Promise<IngestScanResultDto> {
    return this.ingest.scanWithSettings();
  }
}
