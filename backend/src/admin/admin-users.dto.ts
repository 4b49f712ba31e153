import { PaginationQuery } from '../common/pagination.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ACCOUNT_RULES,
  USER_ROLES,
  WATERMARK_OVERRIDES,
  type AdminUpdateUserRequest,
  type AdminUserListDto,
  type UserRole,
  type WatermarkOverride,
} from '@clippyfront/shared';
import { Password, UserResponse } from '../auth/auth.dto.js';

export class AdminUserQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Part of username, email or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class AdminUpdateUserBody implements AdminUpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  email?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? null : value))
  @IsString()
  @MaxLength(ACCOUNT_RULES.displayNameMaxLength)
  displayName?: string | null;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? null : value))
  @IsUUID('4')
  tierId?: string | null;

  @ApiPropertyOptional({ enum: WATERMARK_OVERRIDES })
  @IsOptional()
  @IsIn(WATERMARK_OVERRIDES)
  watermarkOverride?: WatermarkOverride;

  @ApiPropertyOptional({ description: 'New password; ends the user’s sessions' })
  @IsOptional()
  @Password()
  password?: string;
}

export class AdminUserListResponse implements AdminUserListDto {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty() total: number;
}
