import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { SystemInfoResponse } from './admin-system.dto.js';
import { AdminSystemService } from './admin-system.service.js';

@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/system')
export class AdminSystemController {
  constructor(private readonly system: AdminSystemService) {}

  @Get()
  @ApiOperation({
    summary: 'Version, database, Redis, queues, workers, disk usage and media tools',
  })
  @ApiOkResponse({ type: SystemInfoResponse })
  info(): Promise<SystemInfoResponse> {
    return this.system.info();
  }
}
