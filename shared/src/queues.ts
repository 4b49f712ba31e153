/** Bull queue names. `gpu` takes encode-heavy work; `cpu` takes everything else. */
export const QUEUE_NAMES = ['gpu', 'cpu'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
