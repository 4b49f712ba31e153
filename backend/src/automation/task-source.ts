import { BadRequestException } from '@nestjs/common';
import {
  AUTOMATION_RULES,
  TASK_SOURCE_KINDS,
  type DiscordTaskSource,
  type TaskSource,
  type TwitchTaskSource,
} from '@clippyfront/shared';

const TWITCH_DEFAULTS = { lastDays: 7, count: 10, minViews: 0, sort: 'views' } as const;
const DISCORD_DEFAULTS = { count: 10 } as const;

function int(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestException(`source.${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

const known = (raw: Record<string, unknown>, fields: string[], kind: string) => {
  const extra = Object.keys(raw).filter((key) => !fields.includes(key));
  if (extra.length) {
    throw new BadRequestException(
      `source.${extra[0]} is not a field of a ${kind} source (allowed: ${fields.join(', ')})`,
    );
  }
};

/** A task's source, checked field by field with defaults; 400 naming the field otherwise. */
export function parseTaskSource(raw: unknown): TaskSource {
  const body = (raw ?? {}) as Record<string, unknown>;
  const kinds = TASK_SOURCE_KINDS.join(', ');
  if (
    typeof body.kind !== 'string' ||
    !(TASK_SOURCE_KINDS as readonly string[]).includes(body.kind)
  ) {
    throw new BadRequestException(`source.kind must be one of ${kinds}`);
  }
  if (body.kind === 'twitch') {
    known(body, ['kind', 'username', 'lastDays', 'count', 'minViews', 'sort'], 'twitch');
    const username = body.username ?? null;
    if (
      username !== null &&
      (typeof username !== 'string' || !/^\w{1,25}$/.test(username.trim()))
    ) {
      throw new BadRequestException('source.username must be a Twitch login (letters, digits, _)');
    }
    const sort = body.sort ?? TWITCH_DEFAULTS.sort;
    if (sort !== 'views' && sort !== 'newest') {
      throw new BadRequestException('source.sort must be views or newest');
    }
    const source: TwitchTaskSource = {
      kind: 'twitch',
      username: username === null ? null : (username as string).trim().toLowerCase() || null,
      lastDays: int(
        body.lastDays,
        'lastDays',
        1,
        AUTOMATION_RULES.maxLastDays,
        TWITCH_DEFAULTS.lastDays,
      ),
      count: int(body.count, 'count', 1, AUTOMATION_RULES.maxCount, TWITCH_DEFAULTS.count),
      minViews: int(body.minViews, 'minViews', 0, 2 ** 31 - 1, TWITCH_DEFAULTS.minViews),
      sort,
    };
    return source;
  }
  known(body, ['kind', 'channelId', 'count'], 'discord');
  if (typeof body.channelId !== 'string' || !/^\d{5,25}$/.test(body.channelId.trim())) {
    throw new BadRequestException('source.channelId must be a Discord channel id (digits)');
  }
  const source: DiscordTaskSource = {
    kind: 'discord',
    channelId: body.channelId.trim(),
    count: int(body.count, 'count', 1, AUTOMATION_RULES.maxCount, DISCORD_DEFAULTS.count),
  };
  return source;
}

/** `{task}` → the task's name, `{date}` → YYYY-MM-DD (UTC); cut to the project name limit. */
export function projectNameFor(template: string, task: string, now: Date, maxLength = 120): string {
  const name = template
    .replaceAll('{task}', task)
    .replaceAll('{date}', now.toISOString().slice(0, 10))
    .trim();
  return (name || task).slice(0, maxLength);
}
