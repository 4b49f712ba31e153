import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { OptionalNotNull } from '../common/optional-not-null.js';
import {
  ACCOUNT_RULES,
  THEME_PREFERENCES,
  USER_ROLES,
  WATERMARK_OVERRIDES,
  type ApiTokenDto,
  type ChangePasswordRequest,
  type CreateApiTokenRequest,
  type CreatedApiTokenDto,
  type LoginRequest,
  type RegisterRequest,
  type RegistrationStatusDto,
  type ThemePreference,
  type UpdateProfileRequest,
  type UserDto,
  type UserRole,
  type WatermarkOverride,
} from '@clippyfront/shared';

const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const emptyToNull = () =>
  Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? null : value));

export const USERNAME = new RegExp(ACCOUNT_RULES.usernamePattern);

/** The password policy: long enough, not absurdly long, not all one character. */
export function Password() {
  return function (target: object, key: string) {
    IsString()(target, key);
    MinLength(ACCOUNT_RULES.passwordMinLength, {
      message: `${key} must be at least ${ACCOUNT_RULES.passwordMinLength} characters`,
    })(target, key);
    MaxLength(ACCOUNT_RULES.passwordMaxLength)(target, key);
    Matches(/^(?!(.)\1*$)/s, { message: `${key} must not be one repeated character` })(target, key);
  };
}

export class RegisterBody implements RegisterRequest {
  @ApiProperty({ pattern: ACCOUNT_RULES.usernamePattern, example: 'streamer_42' })
  @trim()
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3-32 letters, digits, _ . or -' })
  username: string;

  @ApiProperty({ example: 'me@example.com' })
  @trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  email: string;

  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength })
  @Password()
  password: string;
}

export class RegistrationStatusResponse implements RegistrationStatusDto {
  @ApiProperty({ description: 'false: only admins create accounts' }) open: boolean;
}

export class LoginBody implements LoginRequest {
  @ApiProperty({ description: 'Username or email' })
  @trim()
  @IsString()
  @MinLength(1)
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  login: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  password: string;
}

export class UpdateProfileBody implements UpdateProfileRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @trim()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(ACCOUNT_RULES.emailMaxLength)
  email?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @emptyToNull()
  @IsString()
  @MaxLength(ACCOUNT_RULES.displayNameMaxLength)
  displayName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[A-Za-z0-9_]{3,25}$' })
  @IsOptional()
  @emptyToNull()
  @Matches(/^[A-Za-z0-9_]{3,25}$/, { message: 'twitchUsername must be a Twitch login name' })
  twitchUsername?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^\\d{17,20}$' })
  @IsOptional()
  @emptyToNull()
  @Matches(/^\d{17,20}$/, { message: 'discordUserId must be a Discord user id (17-20 digits)' })
  discordUserId?: string | null;

  @ApiPropertyOptional({ enum: THEME_PREFERENCES, description: 'site: the active theme' })
  @OptionalNotNull()
  @IsIn(THEME_PREFERENCES, {
    message: `themePreference must be one of ${THEME_PREFERENCES.join(', ')}`,
  })
  themePreference?: ThemePreference;
}

export class ChangePasswordBody implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  current: string;

  @ApiProperty({ minLength: ACCOUNT_RULES.passwordMinLength })
  @Password()
  next: string;
}

export class CreateTokenBody implements CreateApiTokenRequest {
  @ApiProperty({ example: 'upload script' })
  @trim()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;

  @ApiPropertyOptional({
    description:
      'Required when signed in with a browser session: a stolen session alone cannot mint tokens',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ACCOUNT_RULES.passwordMaxLength)
  currentPassword?: string;
}

export class UserResponse implements UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ enum: USER_ROLES }) role: UserRole;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: String, nullable: true }) twitchUsername: string | null;
  @ApiProperty({ type: String, nullable: true }) discordUserId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) tierId: string | null;
  @ApiProperty({ enum: WATERMARK_OVERRIDES }) watermarkOverride: WatermarkOverride;
  @ApiProperty({ enum: THEME_PREFERENCES }) themePreference: ThemePreference;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
}

export class ApiTokenResponse implements ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt: string | null;
}

export class CreatedApiTokenResponse extends ApiTokenResponse implements CreatedApiTokenDto {
  @ApiProperty({ description: 'Shown only now; send it as Authorization: Bearer <token>' })
  token: string;
}
