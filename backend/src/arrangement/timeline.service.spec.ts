import type { ClipEntity } from '../clips/clip.entity.js';
import { duplicatesIn } from './arrangement.service.js';
import { refusals, toTimelineClip } from './timeline.service.js';

const clip = (id: string, changes: Partial<ClipEntity> = {}) =>
  ({
    id,
    projectId: 'p',
    mediaId: `m-${id}`,
    job: null,
    durationSeconds: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    clipCreatedAt: null,
    ...changes,
  }) as ClipEntity;

describe('timeline rules', () => {
  it('names each repeated id once', () => {
    expect(duplicatesIn(['a', 'b', 'a', 'c', 'a', 'b'])).toEqual(['a', 'b']);
    expect(duplicatesIn([])).toEqual([]);
  });

  it('refuses repeats, ids that are not clips of the project and clips that are not ready', () => {
    const found = [
      clip('ready'),
      clip('queued', { mediaId: null, job: { state: 'queued' } as ClipEntity['job'] }),
      clip('failed', { mediaId: null, job: { state: 'failed', error: 'x' } as ClipEntity['job'] }),
    ];
    expect(refusals(['ready', 'queued', 'ready', 'elsewhere', 'failed'], found)).toEqual([
      { clipId: 'ready', reason: 'duplicate', message: 'Listed more than once' },
      {
        clipId: 'queued',
        reason: 'not-ready',
        message: 'The clip is queued; only ready clips can be on the timeline',
      },
      { clipId: 'elsewhere', reason: 'not-in-project', message: 'Not a clip of this project' },
      {
        clipId: 'failed',
        reason: 'not-ready',
        message: 'The clip is failed; only ready clips can be on the timeline',
      },
    ]);
    expect(refusals(['ready'], found)).toEqual([]);
    expect(refusals([], [])).toEqual([]);
  });

  it('uses the file’s duration, cut to the longest clip the project allows', () => {
    const media = { durationSeconds: 42.5, thumbnailPath: 'x' } as ClipEntity['media'];
    expect(toTimelineClip(clip('a', { media, durationSeconds: 40 }), 30)).toMatchObject({
      durationSeconds: 42.5,
      playSeconds: 30,
      hasThumbnail: true,
      state: 'ready',
    });
    expect(toTimelineClip(clip('b', { durationSeconds: 12 }), 30)).toMatchObject({
      durationSeconds: 12,
      playSeconds: 12,
    });
    expect(toTimelineClip(clip('c'), 30)).toMatchObject({
      durationSeconds: null,
      playSeconds: null,
    });
  });
});
