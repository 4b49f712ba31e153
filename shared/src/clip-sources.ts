/** Where automation and the Clips step's Fetch panels find clips. */
export const CLIP_SOURCE_KINDS = ['twitch', 'discord'] as const;
export type ClipSourceKind = (typeof CLIP_SOURCE_KINDS)[number];

/** One clip a source offers; `url` is what the Clips step adds (same URL policy as pasted links). */
export interface FoundClipDto {
  source: ClipSourceKind;
  url: string;
  title: string;
  /** Twitch: the clip's creator; Discord: the message's author. */
  creatorName: string | null;
  viewCount: number | null;
  /** ISO time the clip was made (Twitch) or the message was posted (Discord). */
  createdAt: string;
  thumbnailUrl: string | null;
  durationSeconds: number | null;
}

/** `GET /api/twitch/clips`: a broadcaster's clips, newest first unless `sort` is `views`. */
export interface TwitchClipsQuery {
  /** Default: the caller's profile `twitchUsername`. */
  username?: string;
  /** Page size, 1–100 (default 20). */
  first?: number;
  startedAt?: string;
  endedAt?: string;
  /** The previous page's `cursor`. */
  after?: string;
  sort?: 'newest' | 'views';
}

export interface TwitchClipsPage {
  broadcaster: { login: string; displayName: string };
  clips: FoundClipDto[];
  /** null on the last page. */
  cursor: string | null;
}

/** `GET /api/discord/messages`: the clip links in a channel's recent messages. */
export interface DiscordMessagesQuery {
  channelId: string;
  /** Messages to read, 1–100 (default 50). */
  limit?: number;
  /** A message id: read messages older than it (the previous page's `before`). */
  before?: string;
}

export interface DiscordClipsPage {
  clips: FoundClipDto[];
  /** Pass as `before` for older messages; null when the channel has no more. */
  before: string | null;
}
