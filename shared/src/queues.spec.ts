import { queueDeprecationMessage, resolveQueueNames } from './queues.js';

describe('resolveQueueNames', () => {
  it('keeps current names in order, without duplicates', () => {
    expect(resolveQueueNames(['celery', 'gpu', 'celery'])).toEqual({
      queues: ['celery', 'gpu'],
      deprecated: [],
    });
  });

  it("maps the deprecated 'cpu' to celery and says it was used", () => {
    expect(resolveQueueNames(['gpu', 'cpu'])).toEqual({
      queues: ['gpu', 'celery'],
      deprecated: ['cpu'],
    });
    expect(resolveQueueNames(['cpu', 'celery', 'cpu'])).toEqual({
      queues: ['celery'],
      deprecated: ['cpu'],
    });
  });
});

describe('queueDeprecationMessage', () => {
  it('is one line naming what to use instead', () => {
    expect(queueDeprecationMessage('WORKER_QUEUES', ['cpu'])).toBe(
      "WORKER_QUEUES: queue name 'cpu' is deprecated; use 'celery'",
    );
  });
});
