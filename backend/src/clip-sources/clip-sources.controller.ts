import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { UsersService } from '../users/users.service.js';
import {
  DiscordClipsPageResponse,
  DiscordMessagesQueryDto,
  TwitchClipsPageResponse,
  TwitchClipsQueryDto,
} from './clip-sources.dto.js';
import { ClipSourcesService } from './clip-sources.service.js';

@ApiTags('clip sources')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A bad parameter (named)' })
@ApiBadGatewayResponse({ type: ErrorResponse, description: 'The service failed or is unreachable' })
@ApiServiceUnavailableResponse({
  type: ErrorResponse,
  description: 'Not configured (the setting is named), or its rate limit is reached',
})
@Controller()
export class ClipSourcesController {
  constructor(
    private readonly sources: ClipSourcesService,
    private readonly users: UsersService,
  ) {}

  @Get('twitch/clips')
  @ApiOperation({
    summary: "A broadcaster's Twitch clips",
    description:
      'One page of Helix clips made in [startedAt, endedAt] (default: all time). Helix ranks ' +
      'clips by views and pages in that order; sort=newest orders each page by date. ' +
      "username defaults to the caller's profile twitchUsername. Pass cursor as after=.",
  })
  @ApiOkResponse({ type: TwitchClipsPageResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Twitch has no such broadcaster' })
  async twitchClips(
    @CurrentUser() caller: AuthUser,
    @Query() query: TwitchClipsQueryDto,
  ): Promise<TwitchClipsPageResponse> {
    const username = query.username ?? (await this.users.get(caller.id)).twitchUsername;
    if (!username) {
      throw new BadRequestException(
        'username is required: pass ?username= or set your Twitch username in your profile',
      );
    }
    return this.sources.twitchClips({ ...query, username });
  }

  @Get('discord/messages')
  @ApiOperation({
    summary: "The clip links in a Discord channel's recent messages",
    description:
      'Reads up to limit messages (newest first, older than before=) with the bot token and ' +
      'returns their video attachments and Twitch clip links, with author and time.',
  })
  @ApiOkResponse({ type: DiscordClipsPageResponse })
  @ApiNotFoundResponse({
    type: ErrorResponse,
    description: 'The channel does not exist or the bot cannot read it',
  })
  discordMessages(@Query() query: DiscordMessagesQueryDto): Promise<DiscordClipsPageResponse> {
    return this.sources.discordClips(query);
  }
}
