import { PaginationQuery } from '../common/pagination.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  ACCOUNT_RULES,
  USER_ROLES,
  WATERMARK_OVERRIDES,
  type AdminCreateUserRequest,
  type AdminUpdateUserRequest,
  type AdminUserListDto,
  type UserRole,
  type WatermarkOverride,
} from '@clippyfront/shared';
import { Password, USERNAME, UserResponse } from '../auth/auth.dto.js';
import { OptionalNotNull } from '../common/optional-not-null.js';

export class AdminUserQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'Part of username, email or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class AdminUpdateUserBody implements AdminUpdateUserRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
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
  @OptionalNotNull()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? null : value))
  @IsUUID('4')
  tierId?: string | null;

  @ApiPropertyOptional({ enum: WATERMARK_OVERRIDES })
  @OptionalNotNull()
  @IsIn(WATERMARK_OVERRIDES)
  watermarkOverride?: WatermarkOverride;

  @ApiPropertyOptional({ description: 'New password; ends the user’s sessions' })
  @OptionalNotNull()
  @Password()
  password?: string;
}

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class AdminCreateUserBody implements AdminCreateUserRequest {
  @ApiProperty({ pattern: ACCOUNT_RULES.usernamePattern, example: 'editor_1' })
  @trim()
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3-32 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ example: 'editor@example.com' })
  @trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  email: string;

  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength })
  @Password()
  password: string;

  @ApiPropertyOptional({ enum: USER_ROLES, default: 'user' })
  @OptionalNotNull()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Omitted: the default tier; null: none',
  })
  @IsOptional()
  @Transform(({ value }) => (value === '' ? null : value))
  @IsUUID('4')
  tierId?: string | null;

  @ApiPropertyOptional({ enum: WATERMARK_OVERRIDES, default: 'default' })
  @OptionalNotNull()
  @IsIn(WATERMARK_OVERRIDES)
  watermarkOverride?: WatermarkOverride;
}

export class AdminUserListResponse implements AdminUserListDto {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty() total: number;
}
