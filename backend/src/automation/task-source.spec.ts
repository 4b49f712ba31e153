import { BadRequestException } from '@nestjs/common';
import { parseTaskSource, projectNameFor } from './task-source.js';

const refused = (raw: unknown) => {
  try {
    parseTaskSource(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('accepted');
};

describe('parseTaskSource', () => {
  it('fills a Twitch source’s defaults', () => {
    expect(parseTaskSource({ kind: 'twitch', username: ' Streamer_1 ' })).toEqual({
      kind: 'twitch',
      username: 'streamer_1',
      lastDays: 7,
      count: 10,
      minViews: 0,
      sort: 'views',
    });
    expect(parseTaskSource({ kind: 'twitch' })).toMatchObject({ username: null });
  });

  it('takes a Discord channel', () => {
    expect(parseTaskSource({ kind: 'discord', channelId: '123456789012', count: 3 })).toEqual({
      kind: 'discord',
      channelId: '123456789012',
      count: 3,
    });
  });

  it.each([
    [{ kind: 'youtube' }, 'source.kind must be one of twitch, discord'],
    [undefined, 'source.kind must be one of twitch, discord'],
    [{ kind: 'twitch', count: 0 }, 'source.count must be a whole number from 1 to 100'],
    [{ kind: 'twitch', count: 2.5 }, 'source.count'],
    [{ kind: 'twitch', lastDays: 400 }, 'source.lastDays'],
    [{ kind: 'twitch', minViews: -1 }, 'source.minViews'],
    [{ kind: 'twitch', sort: 'random' }, 'source.sort'],
    [{ kind: 'twitch', username: 'a b' }, 'source.username'],
    [{ kind: 'twitch', channelId: '1' }, 'source.channelId is not a field of a twitch source'],
    [{ kind: 'discord' }, 'source.channelId'],
    [{ kind: 'discord', channelId: 'general' }, 'source.channelId'],
    [{ kind: 'discord', channelId: '123456', count: 101 }, 'source.count'],
  ])('refuses %j', (raw, message) => {
    expect(refused(raw)).toContain(message);
  });
});

describe('projectNameFor', () => {
  const now = new Date('2026-05-10T23:30:00Z');
  it('fills {task} and {date} (UTC)', () => {
    expect(projectNameFor('{task} {date}', 'Weekly', now)).toBe('Weekly 2026-05-10');
    expect(projectNameFor('Best of {date}!', 'Weekly', now)).toBe('Best of 2026-05-10!');
  });
  it('falls back to the task name and cuts to the limit', () => {
    expect(projectNameFor('   ', 'Weekly', now)).toBe('Weekly');
    expect(projectNameFor('{task}{task}', 'x'.repeat(100), now)).toHaveLength(120);
  });
});
