import { createHash } from 'node:crypto';
import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BUILT_IN_THEMES, THEME_BASES, themeCss, type ThemeBase } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ThemesService } from './themes.service.js';

/** A strong validator: the content's hash. */
export const cssEtag = (css: string) =>
  `"${createHash('sha256').update(css).digest('base64url').slice(0, 32)}"`;

/** True when an If-None-Match header lists the ETag (or `*`); weak forms match too (RFC 9110). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** Outside /api (see configureApp), public, so the SPA's <link> works before anyone logs in. */
@ApiTags('themes')
@Public()
@Controller()
export class ThemeCssController {
  constructor(private readonly themes: ThemesService) {}

  @Get('theme.css')
  @ApiOperation({
    summary: "The active theme as the SPA's CSS custom properties",
    description:
      '`Cache-Control: no-cache` with a strong ETag: browsers revalidate on every load and get ' +
      '304 while the theme is unchanged. `?base=light|dark`: the built-in palette instead.',
  })
  @ApiQuery({ name: 'base', required: false, enum: THEME_BASES })
  @ApiProduces('text/css')
  @ApiOkResponse({ description: 'text/css', schema: { type: 'string' } })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched' })
  @ApiBadRequestResponse({ description: 'Unknown base' })
  async css(
    @Query('base') base: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (base !== undefined && !THEME_BASES.includes(base as ThemeBase)) {
      throw new BadRequestException(`base must be one of ${THEME_BASES.join(', ')}`);
    }
    const palette = base
      ? { base: base as ThemeBase, colours: BUILT_IN_THEMES[base as ThemeBase].colours }
      : await this.themes.activePalette();
    const css = themeCss(palette.base, palette.colours);
    const etag = cssEtag(css);
    response.set({ ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' });
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      response.status(304).end();
      return;
    }
    response.type('text/css; charset=utf-8').send(css);
  }
}
