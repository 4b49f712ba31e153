import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../config/app-config.js';
import { periodicTask, type PeriodicTask } from './periodic-task.js';
import { PeriodicTasksService } from './periodic-tasks.service.js';

class Sweeper {
  calls = 0;
  /** What the next run does; by default finishes at once. */
  next: () => Promise<string | void> = () => Promise.resolve();
  sweep(): Promise<string | void> {
    this.calls++;
    return this.next();
  }
}

/** A run that goes on until `finish()` (or `fail()`) is called. */
function pending() {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish: () => finish(), fail: (error: Error) => fail(error) };
}

/** Lets promise callbacks run (fake timers leave microtasks alone). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function task(overrides: Partial<PeriodicTask<Sweeper>> = {}): PeriodicTask {
  return periodicTask<Sweeper>({
    name: 'sweep',
    description: 'Sweeps',
    service: Sweeper,
    everyMs: () => 10_000,
    run: (sweeper) => sweeper.sweep(),
    ...overrides,
  });
}

function setup(tasks: PeriodicTask[], sweeper = new Sweeper()) {
  const registry = new SchedulerRegistry();
  const get = jest.fn((type: unknown) => {
    if (type !== Sweeper) throw new Error('Nest could not find the provider');
    return sweeper;
  });
  const moduleRef = { get } as unknown as ModuleRef;
  const service = new PeriodicTasksService(moduleRef, registry, {} as AppConfig, tasks);
  return { service, registry, sweeper, get };
}

describe('PeriodicTasksService', () => {
  let warn: jest.SpiedFunction<Logger['warn']>;
  let log: jest.SpiedFunction<Logger['log']>;

  beforeEach(() => {
    jest.useFakeTimers();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('registers each task that is on in the SchedulerRegistry and runs it every interval', async () => {
    const { service, registry, sweeper } = setup([
      task(),
      task({ name: 'off', everyMs: () => 0, setting: 'OFF_SECONDS' }),
    ]);
    service.onApplicationBootstrap();
    expect(registry.getIntervals()).toEqual(['sweep']);
    expect(sweeper.calls).toBe(0);
    jest.advanceTimersByTime(10_000);
    await settle();
    jest.advanceTimersByTime(10_000);
    await settle();
    expect(sweeper.calls).toBe(2);
    expect(service.status()).toEqual([
      expect.objectContaining({ name: 'sweep', everySeconds: 10, setting: null, lastOk: true }),
      expect.objectContaining({ name: 'off', everySeconds: null, setting: 'OFF_SECONDS' }),
    ]);
    expect(service.status()[1]).toMatchObject({ lastRunAt: null, lastDurationMs: null });
    service.onModuleDestroy();
  });

  it('runs a task marked atStart once at start, then every interval', async () => {
    const { service, sweeper } = setup([task({ atStart: true })]);
    service.onApplicationBootstrap();
    expect(sweeper.calls).toBe(1);
    await settle();
    jest.advanceTimersByTime(10_000);
    expect(sweeper.calls).toBe(2);
    service.onModuleDestroy();
  });

  it('skips a tick while the last run still goes on, and records when it ran and how long', async () => {
    const { service, sweeper } = setup([task()]);
    const run = pending();
    sweeper.next = () => run.promise;
    service.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    const startedAt = Date.now();
    expect(service.status()[0]).toMatchObject({ running: true, lastRunAt: null });
    jest.advanceTimersByTime(30_000);
    expect(sweeper.calls).toBe(1);
    run.finish();
    await settle();
    expect(service.status()[0]).toMatchObject({
      running: false,
      lastRunAt: new Date(startedAt).toISOString(),
      lastDurationMs: 30_000,
      lastOk: true,
      lastError: null,
    });
    sweeper.next = () => Promise.resolve();
    jest.advanceTimersByTime(10_000);
    expect(sweeper.calls).toBe(2);
    service.onModuleDestroy();
  });

  it('logs a failed run, keeps its error, and runs again at the next tick', async () => {
    const { service, sweeper } = setup([task()]);
    sweeper.next = () => Promise.reject(new Error('database went away'));
    service.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    const failedAt = new Date().toISOString();
    await settle();
    expect(warn).toHaveBeenCalledWith('sweep failed: database went away');
    expect(service.status()[0]).toMatchObject({
      lastOk: false,
      lastError: 'database went away',
      lastErrorAt: failedAt,
    });
    sweeper.next = () => Promise.resolve('Removed 2 things');
    jest.advanceTimersByTime(10_000);
    await settle();
    expect(sweeper.calls).toBe(2);
    expect(log).toHaveBeenCalledWith('Removed 2 things');
    // The failure stays visible after a later success.
    expect(service.status()[0]).toMatchObject({
      lastOk: true,
      lastError: 'database went away',
      lastErrorAt: failedAt,
    });
    service.onModuleDestroy();
  });

  it('a run that throws at once is a failed run, not a crash', async () => {
    const { service, sweeper } = setup([task()]);
    sweeper.next = () => {
      throw new Error('sync failure');
    };
    service.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    await settle();
    expect(warn).toHaveBeenCalledWith('sweep failed: sync failure');
    expect(service.status()[0]).toMatchObject({ running: false, lastOk: false });
    service.onModuleDestroy();
  });

  it('stops its timers on shutdown and waits for the run under way before the app closes', async () => {
    const { service, registry, sweeper } = setup([task()]);
    const run = pending();
    sweeper.next = () => run.promise;
    service.onApplicationBootstrap();
    jest.advanceTimersByTime(10_000);
    service.onModuleDestroy();
    expect(registry.getIntervals()).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
    let closed = false;
    const closing = service.beforeApplicationShutdown().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);
    run.finish();
    await closing;
    expect(closed).toBe(true);
    jest.advanceTimersByTime(60_000);
    expect(sweeper.calls).toBe(1);
  });

  it('starts no timer when a task names a service the app does not have', () => {
    class Missing {}
    const { service, registry } = setup([
      task(),
      task({ name: 'missing', service: Missing as never }),
    ]);
    expect(() => service.onApplicationBootstrap()).toThrow(/could not find/);
    expect(registry.getIntervals()).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses two tasks of the same name', () => {
    expect(() => setup([task(), task()])).toThrow(/unique/);
  });

  it('logs what a task announces when it is on', () => {
    const { service } = setup([
      task({ announce: () => 'Sweeping /srv' }),
      task({ name: 'off', everyMs: () => 0, announce: () => 'never said' }),
    ]);
    service.onApplicationBootstrap();
    expect(log).toHaveBeenCalledWith('Sweeping /srv');
    expect(log).not.toHaveBeenCalledWith('never said');
    service.onModuleDestroy();
  });
});
