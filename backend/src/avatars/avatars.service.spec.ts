import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { NotFoundException } from '@nestjs/common';
import { ANY_OWNER } from '../common/ownership.js';
import { loadAppConfig, type AppConfig } from '../config/app-config.js';
import { AvatarsRepository } from './avatars.repository.js';
import { AvatarsService } from './avatars.service.js';
import type { ClipAvatar, ClipAvatarLookup } from './clip-avatar-lookup.js';

const DAY = 86_400_000;

describe('AvatarsService', () => {
  let instance: string;
  let dir: string;
  let config: AppConfig;
  const clips = new Map<string, ClipAvatar>();
  const lookup: ClipAvatarLookup = {
    findAvatar: async (id) => clips.get(id) ?? null,
    referencedAmong: async (names) =>
      new Set(
        names.filter((n) => [...clips.values()].some((c) => c.avatarPath?.endsWith(`/${n}`))),
      ),
  };
  const service = (withLookup = true) =>
    new AvatarsService(new AvatarsRepository(config), config, withLookup ? lookup : undefined);
  const put = (name: string) => writeFileSync(join(dir, name), 'x');

  beforeEach(() => {
    instance = mkdtempSync(join(tmpdir(), 'clippy-avatars-svc-'));
    config = loadAppConfig({ CLIPPY_INSTANCE_PATH: instance, AVATARS_KEEP: '2' });
    dir = join(instance, 'assets', 'avatars');
    mkdirSync(dir, { recursive: true });
    clips.clear();
  });
  afterEach(() => {
    rmSync(instance, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('finds a clip avatar by its stored path, else by creator name; 404 for other owners', async () => {
    const now = Date.now();
    put(`maker_${now - 2 * DAY}.png`);
    put(`maker_${now - DAY}.png`);
    clips.set('c1', {
      ownerId: 'u1',
      avatarPath: `/instance/assets/avatars/maker_${now - 2 * DAY}.png`,
      creatorName: 'Maker',
    });
    clips.set('c2', {
      ownerId: 'u1',
      avatarPath: '/instance/assets/avatars/gone_1.png',
      creatorName: 'Maker',
    });
    clips.set('c3', { ownerId: 'u1', avatarPath: null, creatorName: 'Nobody' });
    const avatars = service();
    expect(await avatars.forClip('c1', { ownerId: 'u1' })).toBe(
      join(dir, `maker_${now - 2 * DAY}.png`),
    );
    expect(await avatars.forClip('c2', ANY_OWNER)).toBe(join(dir, `maker_${now - DAY}.png`));
    await expect(avatars.forClip('c1', { ownerId: 'u2' })).rejects.toThrow('Clip not found');
    await expect(avatars.forClip('c3', ANY_OWNER)).rejects.toThrow(
      'This clip has no creator avatar',
    );
    await expect(avatars.forClip('nope', ANY_OWNER)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service(false).forClip('c1', ANY_OWNER)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('cleans up to the newest N per creator, sparing files a clip uses; dry run deletes nothing', async () => {
    const names = [1, 2, 3, 4].map((d) => `maker_${1714564800000 + d}.png`);
    for (const name of [...names, 'other_1714564800000.jpg', 'maker.png']) put(name);
    clips.set('c1', {
      ownerId: 'u1',
      avatarPath: `/instance/assets/avatars/${names[0]}`,
      creatorName: 'Maker',
    });

    const dry = await service().cleanup(2, true);
    expect(dry).toMatchObject({
      dryRun: true,
      keep: 2,
      creators: 2,
      kept: 3,
      deleted: [names[1]],
      protected: [names[0]],
      referencesChecked: true,
    });
    expect(readdirSync(dir)).toHaveLength(6);

    const real = await service().cleanup(1);
    expect(real.deleted.sort()).toEqual([names[1], names[2]]);
    expect(readdirSync(dir).sort()).toEqual(
      ['maker.png', names[0], names[3], 'other_1714564800000.jpg'].sort(),
    );
    expect((await service(false).cleanup(0, true)).referencesChecked).toBe(false);
  });

  it('stops reading an avatar past 5 MiB even without Content-Length', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        controller.enqueue(chunk);
      },
    });
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(body, { status: 200 }));
    const local = loadAppConfig({
      CLIPPY_INSTANCE_PATH: instance,
      TWITCH_CLIENT_ID: 'a',
      TWITCH_CLIENT_SECRET: 'b',
      TWITCH_API_BASE: 'http://127.0.0.1:1/helix',
    });
    const avatars = new AvatarsService(new AvatarsRepository(local), local);
    await expect(avatars.fetchAvatar('big', 'http://127.0.0.1:1/big.png')).rejects.toThrow(
      'The avatar is larger than 5242880 bytes',
    );
    expect(sent).toBeLessThan(10);
    expect(readdirSync(dir)).toEqual([]);
  });
});
