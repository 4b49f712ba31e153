import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import {
  THEME_BASES,
  THEME_COLOUR_PATTERN,
  THEME_RULES,
  type CreateThemeRequest,
  type ThemeBase,
  type ThemeDto,
  type UpdateThemeRequest,
} from '@clippyfront/shared';
import { OptionalNotNull } from '../common/optional-not-null.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const COLOUR = new RegExp(THEME_COLOUR_PATTERN);

/** An optional `#rrggbb`; the 400 names the field. */
const Colour = () =>
  applyDecorators(
    ApiPropertyOptional({ type: String, pattern: THEME_COLOUR_PATTERN, example: '#7c5cff' }),
    OptionalNotNull(),
    Matches(COLOUR, { message: ({ property }) => `${property} must be a colour like #1a2b3c` }),
  );

const Name = (required: boolean) =>
  applyDecorators(
    required
      ? ApiProperty({ maxLength: THEME_RULES.nameMaxLength })
      : ApiPropertyOptional({ maxLength: THEME_RULES.nameMaxLength }),
    ...(required ? [] : [OptionalNotNull()]),
    Transform(trim),
    IsString(),
    IsNotEmpty({ message: 'name must not be empty' }),
    MaxLength(THEME_RULES.nameMaxLength),
  );

/** Colours and base; missing fields keep their value (on create: the base's built-in palette). */
class ThemeFieldsBody {
  @ApiPropertyOptional({ enum: THEME_BASES, description: 'Sets color-scheme; default dark' })
  @OptionalNotNull()
  @IsIn(THEME_BASES, { message: `base must be one of ${THEME_BASES.join(', ')}` })
  base?: ThemeBase;

  @Colour() background?: string;
  @Colour() surface?: string;
  @Colour() text?: string;
  @Colour() muted?: string;
  @Colour() primary?: string;
  @Colour() accent?: string;
  @Colour() success?: string;
  @Colour() warning?: string;
  @Colour() danger?: string;
  @Colour() border?: string;
  @Colour() intro?: string;
  @Colour() clip?: string;
  @Colour() outro?: string;
  @Colour() transition?: string;
  @Colour() compilation?: string;
  @Colour() image?: string;
}

export class CreateThemeBody extends ThemeFieldsBody implements CreateThemeRequest {
  @Name(true) name: string;
}

export class UpdateThemeBody extends ThemeFieldsBody implements UpdateThemeRequest {
  @Name(false) name?: string;
}

export class ThemeResponse implements ThemeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: THEME_BASES }) base: ThemeBase;
  @ApiProperty({ example: '#0f1117' }) background: string;
  @ApiProperty() surface: string;
  @ApiProperty() text: string;
  @ApiProperty() muted: string;
  @ApiProperty() primary: string;
  @ApiProperty() accent: string;
  @ApiProperty() success: string;
  @ApiProperty() warning: string;
  @ApiProperty() danger: string;
  @ApiProperty() border: string;
  @ApiProperty() intro: string;
  @ApiProperty() clip: string;
  @ApiProperty() outro: string;
  @ApiProperty() transition: string;
  @ApiProperty() compilation: string;
  @ApiProperty() image: string;
  @ApiProperty({ description: 'The one theme /theme.css serves' }) active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
