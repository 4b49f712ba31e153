import type { Queue } from 'bull';
import type { QueueJobData, QueueName, WorkerDto } from '@clippyfront/shared';
import type { WorkersService } from '../workers/workers.service.js';
import { BullJobDispatcher } from './bull-job.dispatcher.js';
import type { JobEntity } from './job.entity.js';

/** Bull queues that record what is added and list what is waiting. */
function fakeQueue(name: QueueName, waiting: string[] = []) {
  const added: string[] = [];
  const queue = {
    name,
    added,
    client: { status: 'ready' },
    add: async (_kind: string, data: QueueJobData) => void added.push(data.jobId),
    getJobs: async () => waiting.map((jobId) => ({ data: { jobId } })),
  };
  return queue;
}

function dispatcher(online: QueueName[][], waiting: Partial<Record<QueueName, string[]>> = {}) {
  const gpu = fakeQueue('gpu', waiting.gpu);
  const cpu = fakeQueue('cpu', waiting.cpu);
  const workers = {
    online: async () => online.map((queues) => ({ queues }) as WorkerDto),
  } as unknown as WorkersService;
  const subject = new BullJobDispatcher(
    gpu as unknown as Queue<QueueJobData>,
    cpu as unknown as Queue<QueueJobData>,
    workers,
  );
  return { subject, gpu, cpu };
}

const job = (id: string, queue: QueueName) => ({ id, kind: 'compile', queue }) as JobEntity;

describe('BullJobDispatcher routing', () => {
  it('puts gpu work on gpu while a worker consumes it', async () => {
    const { subject, gpu, cpu } = dispatcher([['cpu'], ['gpu', 'cpu']]);
    await subject.dispatch(job('j1', 'gpu'));
    expect([gpu.added, cpu.added]).toEqual([['j1'], []]);
  });

  it('sends gpu work to cpu when only CPU workers are online', async () => {
    const { subject, gpu, cpu } = dispatcher([['cpu']]);
    await subject.dispatch(job('j1', 'gpu'));
    expect([gpu.added, cpu.added]).toEqual([[], ['j1']]);
  });

  it('keeps gpu work on gpu when no worker at all is online (it waits for one)', async () => {
    const { subject, gpu } = dispatcher([]);
    await subject.dispatch(job('j1', 'gpu'));
    expect(gpu.added).toEqual(['j1']);
  });

  it('never moves cpu work', async () => {
    const { subject, cpu } = dispatcher([['gpu']]);
    await subject.dispatch(job('j1', 'cpu'));
    expect(cpu.added).toEqual(['j1']);
  });

  it('re-delivers queued gpu work to cpu when the GPU workers went away', async () => {
    const { subject, gpu, cpu } = dispatcher([['cpu']], { gpu: ['waiting-on-gpu'], cpu: ['ok'] });
    await subject.reconcile([job('waiting-on-gpu', 'gpu'), job('ok', 'cpu'), job('lost', 'cpu')]);
    expect(gpu.added).toEqual([]);
    expect(cpu.added).toEqual(['waiting-on-gpu', 'lost']);
  });

  it('fails at once, queueing nothing, while Redis is not connected', async () => {
    const { subject, gpu, cpu } = dispatcher([['gpu', 'cpu']]);
    cpu.client.status = 'reconnecting';
    await expect(subject.dispatch(job('j1', 'cpu'))).rejects.toThrow(
      'queueing job j1: Redis is not connected (reconnecting)',
    );
    await expect(subject.reconcile([job('j2', 'gpu')])).rejects.toThrow(/not connected/);
    expect(await subject.redisStatus()).toMatchObject({ status: 'down' });
    expect([gpu.added, cpu.added]).toEqual([[], []]);
  });
});
