import type {
  DiscordClipsPage,
  DiscordMessagesQuery,
  TwitchClipsPage,
  TwitchClipsQuery,
} from '@clippyfront/shared';

/** Where runs fetch clips: the clip sources service (Twitch and Discord). */
export interface ClipFinder {
  twitchClips(query: TwitchClipsQuery & { username: string }): Promise<TwitchClipsPage>;
  discordClips(query: DiscordMessagesQuery): Promise<DiscordClipsPage>;
}

export const CLIP_FINDER = Symbol('CLIP_FINDER');
