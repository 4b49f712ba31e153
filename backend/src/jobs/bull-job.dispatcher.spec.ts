import type { Queue } from 'bull';
import type { QueueJobData, QueueName, WorkerDto } from '@clippyfront/shared';
import type { WorkersService } from '../workers/workers.service.js';
import { BullJobDispatcher } from './bull-job.dispatcher.js';
import type { JobEntity } from './job.entity.js';

/** Bull queues that record what is added and removed and list what is waiting. */
function fakeQueue(name: string, waiting: string[] = []) {
  const added: string[] = [];
  const removed: string[] = [];
  const queue = {
    name,
    added,
    removed,
    client: { status: 'ready' },
    add: async (_kind: string, data: QueueJobData) => void added.push(data.jobId),
    getJobs: async () =>
      [...waiting, ...added]
        .filter((jobId) => !removed.includes(jobId))
        .map((jobId) => ({
          name: 'probe',
          data: { jobId },
          remove: async () => removed.push(jobId),
        })),
  };
  return queue;
}

function dispatcher(
  online: QueueName[][],
  waiting: Partial<Record<QueueName | 'cpu', string[]>> = {},
  legacyOnline = false,
) {
  const gpu = fakeQueue('gpu', waiting.gpu);
  const celery = fakeQueue('celery', waiting.celery);
  const legacy = fakeQueue('cpu', waiting.cpu);
  const workers = {
    online: async () => online.map((queues) => ({ queues }) as WorkerDto),
    legacyConsumerOnline: async () => legacyOnline,
  } as unknown as WorkersService;
  const subject = new BullJobDispatcher(
    gpu as unknown as Queue<QueueJobData>,
    celery as unknown as Queue<QueueJobData>,
    legacy as unknown as Queue<QueueJobData>,
    workers,
  );
  return { subject, gpu, celery, legacy };
}

const job = (id: string, queue: QueueName) => ({ id, kind: 'compile', queue }) as JobEntity;

describe('BullJobDispatcher routing', () => {
  it('puts gpu work on gpu while a worker consumes it', async () => {
    const { subject, gpu, celery } = dispatcher([['celery'], ['gpu', 'celery']]);
    await subject.dispatch(job('j1', 'gpu'));
    expect([gpu.added, celery.added]).toEqual([['j1'], []]);
  });

  it('sends gpu work to celery when only CPU workers are online', async () => {
    const { subject, gpu, celery } = dispatcher([['celery']]);
    await subject.dispatch(job('j1', 'gpu'));
    expect([gpu.added, celery.added]).toEqual([[], ['j1']]);
  });

  it('keeps gpu work on gpu when no worker at all is online (it waits for one)', async () => {
    const { subject, gpu } = dispatcher([]);
    await subject.dispatch(job('j1', 'gpu'));
    expect(gpu.added).toEqual(['j1']);
  });

  it('never moves celery work', async () => {
    const { subject, celery } = dispatcher([['gpu']]);
    await subject.dispatch(job('j1', 'celery'));
    expect(celery.added).toEqual(['j1']);
  });

  it('re-delivers queued gpu work to celery when the GPU workers went away', async () => {
    const { subject, gpu, celery } = dispatcher([['celery']], {
      gpu: ['waiting-on-gpu'],
      celery: ['ok'],
    });
    await subject.reconcile([
      job('waiting-on-gpu', 'gpu'),
      job('ok', 'celery'),
      job('lost', 'celery'),
    ]);
    expect(gpu.added).toEqual([]);
    expect(celery.added).toEqual(['waiting-on-gpu', 'lost']);
  });

  it('fails at once, queueing nothing, while Redis is not connected', async () => {
    const { subject, gpu, celery } = dispatcher([['gpu', 'celery']]);
    celery.client.status = 'reconnecting';
    await expect(subject.dispatch(job('j1', 'celery'))).rejects.toThrow(
      'queueing job j1: Redis is not connected (reconnecting)',
    );
    await expect(subject.reconcile([job('j2', 'gpu')])).rejects.toThrow(/not connected/);
    expect(await subject.redisStatus()).toMatchObject({ status: 'down' });
    expect([gpu.added, celery.added]).toEqual([[], []]);
  });
});

describe('BullJobDispatcher upgrade from the "cpu" queue', () => {
  it('moves wake-ups waiting on the old cpu queue to celery once, dropping those of jobs no longer queued', async () => {
    const { subject, celery, legacy } = dispatcher([['celery']], {
      cpu: ['old-queued', 'old-done'],
    });
    await subject.reconcile([job('old-queued', 'celery'), job('new', 'celery')]);
    expect(legacy.removed).toEqual(['old-queued', 'old-done']);
    expect(celery.added).toEqual(['old-queued', 'new']);
    await subject.reconcile([job('old-queued', 'celery')]);
    expect(celery.added).toEqual(['old-queued', 'new']);
  });

  it('empties the old queue even with nothing queued', async () => {
    const { subject, celery, legacy } = dispatcher([], { cpu: ['stale'] });
    await subject.reconcile([]);
    expect(legacy.removed).toEqual(['stale']);
    expect(celery.added).toEqual([]);
  });

  it('while a worker from before the rename is online, celery work also goes to the old queue, left undrained', async () => {
    const { subject, gpu, celery, legacy } = dispatcher(
      [['gpu', 'celery']],
      { celery: ['on-celery-only'], cpu: ['taken-by-old-worker'] },
      true,
    );
    await subject.dispatch(job('new', 'celery'));
    await subject.dispatch(job('render', 'gpu'));
    expect([gpu.added, celery.added, legacy.added]).toEqual([['render'], ['new'], ['new']]);
    await subject.reconcile([
      job('on-celery-only', 'celery'),
      job('taken-by-old-worker', 'celery'),
    ]);
    expect(legacy.removed).toEqual([]);
    expect(legacy.added).toEqual(['new', 'on-celery-only']);
    expect(celery.added).toEqual(['new', 'taken-by-old-worker']);
  });
});
