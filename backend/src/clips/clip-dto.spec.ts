import type { JobEntity } from '../jobs/job.entity.js';
import { clipState } from './clip-dto.js';

const job = (state: JobEntity['state'], extra: Partial<JobEntity> = {}) =>
  ({ id: 'j', state, progress: 0, error: null, ...extra }) as JobEntity;

describe('clipState', () => {
  it('is ready whenever the clip has media, whatever its job says', () => {
    expect(clipState({ mediaId: 'm', job: job('running', { progress: 40 }) })).toEqual({
      state: 'ready',
      progress: 100,
      error: null,
    });
    expect(clipState({ mediaId: 'm', job: null })).toMatchObject({ state: 'ready' });
  });

  it('follows the download job otherwise', () => {
    expect(clipState({ mediaId: null, job: job('queued') })).toEqual({
      state: 'queued',
      progress: 0,
      error: null,
    });
    expect(clipState({ mediaId: null, job: job('running', { progress: 42 }) })).toEqual({
      state: 'downloading',
      progress: 42,
      error: null,
    });
    expect(
      clipState({
        mediaId: null,
        job: job('failed', {
          error: 'Only video and image files are accepted; this file is text/html',
        }),
      }),
    ).toEqual({
      state: 'failed',
      progress: 0,
      error: 'Only video and image files are accepted; this file is text/html',
    });
    expect(
      clipState({ mediaId: null, job: job('cancelled', { error: 'Cancelled by request' }) }),
    ).toMatchObject({ state: 'failed', error: 'Cancelled by request' });
  });

  it('is failed, with a reason, when neither media nor a live job is left', () => {
    expect(clipState({ mediaId: null, job: null })).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/download is gone/),
    });
    expect(clipState({ mediaId: null, job: job('completed') })).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/no longer in the library/),
    });
  });
});
