import type { FoundClipDto } from '@clippyfront/shared';
import { evaluateClipUrl, type ClipUrlOptions } from '../clips/clip-url-policy.js';

/** The parts of a Discord message object (REST v10) that clip links are found in. */
export interface DiscordMessage {
  id: string;
  timestamp: string;
  content?: string;
  author?: { username?: string; global_name?: string | null };
  attachments?: DiscordAttachment[];
  embeds?: DiscordEmbed[];
}

export interface DiscordAttachment {
  filename?: string;
  url?: string;
  content_type?: string;
}

interface DiscordEmbed {
  url?: string;
  title?: string;
  thumbnail?: { url?: string };
}

const VIDEO_EXTENSION = /\.(mp4|mov|webm)$/i;
/** Twitch clip links in free text, with or without a scheme. */
const TWITCH_CLIP_LINK =
  /(?:https?:\/\/)?(?:clips\.twitch\.tv\/(?!embed\b)[A-Za-z0-9_-]+|(?:www\.|m\.)?twitch\.tv\/[A-Za-z0-9_]+\/clip\/[A-Za-z0-9_-]+)/gi;
/** Attachment links pasted as text (a clip forwarded from another channel). */
const DISCORD_ATTACHMENT_LINK =
  /https?:\/\/(?:cdn\.discordapp\.com|media\.discordapp\.net)\/attachments\/[^\s<>|]+/gi;
/** What ends a sentence or wraps a link (`<https://…>` hides Discord's preview). */
const TRAILING_PUNCTUATION = /[)\]>.,!?'"]+$/;

function isVideo(attachment: DiscordAttachment): boolean {
  if (attachment.content_type?.toLowerCase().startsWith('video/')) return true;
  return VIDEO_EXTENSION.test(attachment.filename ?? '');
}

const authorName = (message: DiscordMessage): string | null =>
  message.author?.global_name || message.author?.username || null;

/** The file name of a URL's path, for a title. */
function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  } catch {
    return url;
  }
}

/**
 * The clips in a batch of messages, in the messages' order: video attachments, Twitch clip links
 * and pasted Discord video attachment links. Only URLs the clip URL policy accepts are kept
 * (as the policy's download URL), each once.
 */
export function findClipLinks(messages: DiscordMessage[], policy: ClipUrlOptions): FoundClipDto[] {
  const found: FoundClipDto[] = [];
  const seen = new Set<string>();
  const add = (message: DiscordMessage, raw: string, title: string, thumbnail?: string) => {
    const verdict = evaluateClipUrl(raw, policy);
    if (!verdict.accepted || seen.has(verdict.normalizedUrl)) return;
    seen.add(verdict.normalizedUrl);
    found.push({
      source: 'discord',
      url: verdict.sourceUrl,
      title,
      creatorName: authorName(message),
      viewCount: null,
      createdAt: message.timestamp,
      thumbnailUrl: thumbnail ?? null,
      durationSeconds: null,
    });
  };
  for (const message of messages) {
    for (const attachment of message.attachments ?? []) {
      if (attachment.url && isVideo(attachment)) {
        add(message, attachment.url, attachment.filename || fileName(attachment.url));
      }
    }
    const content = message.content ?? '';
    for (const link of content.match(TWITCH_CLIP_LINK) ?? []) {
      const embed = embedFor(message, link, policy);
      add(message, link, embed?.title || fileName(link), embed?.thumbnail?.url);
    }
    for (const match of content.match(DISCORD_ATTACHMENT_LINK) ?? []) {
      const link = match.replace(TRAILING_PUNCTUATION, '');
      if (VIDEO_EXTENSION.test(link.split('?')[0]!)) add(message, link, fileName(link));
    }
  }
  return found;
}

/** Discord's preview of a link (title, thumbnail), matched by the clip it points to. */
function embedFor(
  message: DiscordMessage,
  link: string,
  policy: ClipUrlOptions,
): DiscordEmbed | undefined {
  const target = evaluateClipUrl(link, policy);
  if (!target.accepted) return undefined;
  return message.embeds?.find((embed) => {
    if (!embed.url) return false;
    const verdict = evaluateClipUrl(embed.url, policy);
    return verdict.accepted && verdict.normalizedUrl === target.normalizedUrl;
  });
}
