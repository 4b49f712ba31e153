/**
 * Bull queue names. `gpu` takes encode-heavy work; `celery` (named as in the original's
 * deployments) takes everything else.
 */
export const QUEUE_NAMES = ['gpu', 'celery'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Old names still accepted wherever a queue is named, with the name they stand for. */
export const DEPRECATED_QUEUE_ALIASES = { cpu: 'celery' } as const satisfies Record<
  string,
  QueueName
>;
export type DeprecatedQueueAlias = keyof typeof DEPRECATED_QUEUE_ALIASES;

/** Every name a caller may send: the queues and their deprecated aliases. */
export const ACCEPTED_QUEUE_NAMES = [
  ...QUEUE_NAMES,
  ...(Object.keys(DEPRECATED_QUEUE_ALIASES) as DeprecatedQueueAlias[]),
] as const;
export type AcceptedQueueName = QueueName | DeprecatedQueueAlias;

/** The Bull queue the general queue had before it was renamed (drained into `celery`). */
export const LEGACY_GENERAL_QUEUE = 'cpu' satisfies DeprecatedQueueAlias;

export interface ResolvedQueueNames {
  /** Current names, in the order given, without duplicates. */
  queues: QueueName[];
  /** Deprecated aliases that were given, without duplicates. */
  deprecated: DeprecatedQueueAlias[];
}

/** Maps aliases to current queue names; names neither a queue nor an alias are the caller's to reject. */
export function resolveQueueNames(names: readonly AcceptedQueueName[]): ResolvedQueueNames {
  const queues = new Set<QueueName>();
  const deprecated = new Set<DeprecatedQueueAlias>();
  for (const name of names) {
    if (name in DEPRECATED_QUEUE_ALIASES) {
      deprecated.add(name as DeprecatedQueueAlias);
      queues.add(DEPRECATED_QUEUE_ALIASES[name as DeprecatedQueueAlias]);
    } else {
      queues.add(name as QueueName);
    }
  }
  return { queues: [...queues], deprecated: [...deprecated] };
}

/** The one log line for deprecated queue names (`where`: what named them, e.g. WORKER_QUEUES). */
export function queueDeprecationMessage(where: string, deprecated: DeprecatedQueueAlias[]): string {
  const names = deprecated.map((name) => `'${name}'`).join(', ');
  const current = deprecated.map((name) => `'${DEPRECATED_QUEUE_ALIASES[name]}'`).join(', ');
  const plural = deprecated.length > 1;
  return `${where}: queue name${plural ? 's' : ''} ${names} ${plural ? 'are' : 'is'} deprecated; use ${current}`;
}
