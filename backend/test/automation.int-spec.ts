import pg from 'pg';
import {
  API_PATHS,
  type AutomationRunDto,
  type AutomationTaskDto,
  type MediaDto,
  type ScheduleDto,
  type SchedulerTickDto,
  type StartRunResponse,
} from '@clippyfront/shared';
import { clipsClient, giveTier, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

type ErrorBody = { statusCode: number; message: string; limit?: string };
const UNKNOWN = '7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10';
const twitch = { kind: 'twitch', username: 'streamer' };
const paths = API_PATHS.automation;

/**
 * Tasks and schedules through the API (validation, ownership, tier gates) and the scheduler
 * tick, with two API processes on one database ticking at the same time.
 */
describe('automation: tasks, schedules, scheduler (two API processes)', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  const apps: TestApp[] = [];
  let token: string;
  let otherToken: string;
  let freeToken: string;
  const me = clipsClient(
    () => apps[0]!,
    () => token,
  );
  const meOnTwo = clipsClient(
    () => apps[1]!,
    () => token,
  );
  const other = clipsClient(
    () => apps[0]!,
    () => otherToken,
  );
  const free = clipsClient(
    () => apps[0]!,
    () => freeToken,
  );
  const createTask = (who: typeof me, body: unknown) =>
    who.call<AutomationTaskDto & ErrorBody>(paths.tasks, { body });
  const upload = async (type: string) => {
    const { status, body } = await uploadMedia(
      apps[0]!.baseUrl,
      token,
      testMedia('clip.mp4'),
      `${type}.mp4`,
      {
        type,
      },
    );
    if (status !== 201) throw new Error(`upload ${type}: ${status}`);
    return (body as MediaDto).id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('automation');
    sql = new pg.Client({ connectionString: db.url });
    const env = { DATABASE_URL: db.url, AUTOMATION_TICK_SECONDS: '0' };
    apps.push(await startTestApp(env));
    apps.push(await startTestApp(env));
    await sql.connect();
    [token, otherToken, freeToken] = await registerUsers(
      apps[0]!,
      'auto_me',
      'auto_other',
      'auto_free',
    );
    await giveTier(apps[0]!, 'Pro', token, otherToken);
  });

  afterAll(async () => {
    await sql?.end();
    await Promise.all(apps.map((app) => app.close()));
    await db?.drop();
  });

  describe('tasks', () => {
    it('creates a task with defaults, trims the name, lists, reads, updates, clones, deletes', async () => {
      const { status, body } = await createTask(me, { name: '  Weekly best  ', source: twitch });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        name: 'Weekly best',
        source: {
          kind: 'twitch',
          username: 'streamer',
          lastDays: 7,
          count: 10,
          minViews: 0,
          sort: 'views',
        },
        introId: null,
        transitionIds: [],
        output: { resolution: '1080p', format: 'mp4', fps: 30, maxClipSeconds: 30 },
        projectNameTemplate: '{task} {date}',
        previousProject: 'keep',
        lastRun: null,
        nextRunAt: null,
      });
      const list = await me.call<AutomationTaskDto[]>(paths.tasks);
      expect(list.body.map((task) => task.id)).toContain(body.id);
      const patched = await me.call<AutomationTaskDto>(paths.task(body.id), {
        method: 'PATCH',
        body: { source: { kind: 'discord', channelId: '123456789' }, previousProject: 'replace' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.source).toEqual({ kind: 'discord', channelId: '123456789', count: 10 });
      expect(patched.body.name).toBe('Weekly best');
      const clone = await me.call<AutomationTaskDto>(paths.taskClone(body.id), { body: {} });
      expect(clone.status).toBe(201);
      expect(clone.body).toMatchObject({ name: 'Weekly best (copy)', previousProject: 'replace' });
      expect(clone.body.id).not.toBe(body.id);
      expect((await me.call(paths.task(clone.body.id), { method: 'DELETE' })).status).toBe(204);
      expect((await me.call(paths.task(clone.body.id))).status).toBe(404);
    });

    it.each([
      [{ source: twitch }, 400, /name/],
      [{ name: '   ', source: twitch }, 400, /name must not be empty/],
      [{ name: 'x' }, 400, /source/],
      [
        { name: 'x', source: { kind: 'youtube' } },
        400,
        /source\.kind must be one of twitch, discord/,
      ],
      [{ name: 'x', source: { kind: 'twitch', count: 500 } }, 400, /source\.count/],
      [{ name: 'x', source: { kind: 'discord' } }, 400, /source\.channelId/],
      [{ name: 'x', source: twitch, output: { resolution: '8k' } }, 400, /resolution/],
      [{ name: 'x', source: twitch, previousProject: 'merge' }, 400, /previousProject/],
      [{ name: 'x', source: twitch, introId: 'nope' }, 400, /introId/],
      [{ name: 'x', source: twitch, introId: UNKNOWN }, 404, /Media not found/],
      [{ name: 'x', source: twitch, surprise: true }, 400, /surprise/],
    ])('refuses %j with %i', async (body, status, message) => {
      const answer = await createTask(me, body);
      expect(answer.status).toBe(status);
      expect(String(answer.body.message)).toMatch(message);
    });

    it('takes only the owner’s media of the right type as intro, outro and transitions', async () => {
      const intro = await upload('intro');
      const transition = await upload('transition');
      const ok = await createTask(me, {
        name: 'Arranged',
        source: twitch,
        introId: intro,
        transitionIds: [transition],
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ introId: intro, transitionIds: [transition] });
      const wrongType = await createTask(me, { name: 'x', source: twitch, outroId: intro });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.message).toMatch(/outroId: .* is an intro, not an outro/);
      const twice = await createTask(me, {
        name: 'x',
        source: twitch,
        transitionIds: [transition, transition],
      });
      expect(twice.status).toBe(400);
      const notMine = await createTask(other, { name: 'x', source: twitch, introId: intro });
      expect(notMine.status).toBe(404);
    });

    it('keeps output settings within the tier’s caps', async () => {
      const over = await createTask(free, {
        name: 'x',
        source: twitch,
        output: { resolution: '2160p' },
      });
      expect(over.status).toBe(400);
      expect(over.body.message).toBe('output.resolution: your plan (Free) renders up to 1080p');
      const fps = await createTask(free, { name: 'x', source: twitch, output: { fps: 60 } });
      expect(fps.status).toBe(400);
      expect(fps.body.message).toMatch(/^output\.fps/);
      expect(
        (
          await createTask(me, {
            name: '4K',
            source: twitch,
            output: { resolution: '2160p', fps: 60 },
          })
        ).status,
      ).toBe(201);
    });

    it('answers 404 for another user’s task, run and schedule on every route', async () => {
      const { body: task } = await createTask(me, { name: 'Mine', source: twitch });
      const { body: schedule } = await me.call<ScheduleDto>(paths.taskSchedules(task.id), {
        body: { type: 'daily', time: '10:00' },
      });
      const calls: [string, string, unknown?][] = [
        ['GET', paths.task(task.id)],
        ['PATCH', paths.task(task.id), { name: 'Theirs' }],
        ['DELETE', paths.task(task.id)],
        ['POST', paths.taskClone(task.id), {}],
        ['POST', paths.taskRun(task.id), {}],
        ['GET', paths.taskRuns(task.id)],
        ['GET', paths.taskSchedules(task.id)],
        ['POST', paths.taskSchedules(task.id), { type: 'daily', time: '10:00' }],
        ['PATCH', paths.schedule(schedule.id), { time: '11:00' }],
        ['POST', paths.scheduleDisable(schedule.id), {}],
        ['DELETE', paths.schedule(schedule.id)],
        ['GET', paths.run(UNKNOWN)],
        ['POST', paths.runCancel(UNKNOWN), {}],
      ];
      for (const [method, path, body] of calls) {
        const answer = await other.call<ErrorBody>(path, { method, body });
        expect([method, path, answer.status]).toEqual([method, path, 404]);
      }
      expect((await me.call(paths.task(task.id))).status).toBe(200);
      expect((await me.call(paths.schedule(schedule.id), { method: 'DELETE' })).status).toBe(204);
    });
  });

  it('keeps each user to 100 tasks, also when two API processes create at once', async () => {
    const [manyToken] = await registerUsers(apps[0]!, 'auto_many');
    const many = clipsClient(
      () => apps[0]!,
      () => manyToken!,
    );
    const manyOnTwo = clipsClient(
      () => apps[1]!,
      () => manyToken!,
    );
    const answers = await Promise.all(
      Array.from({ length: 104 }, (_, i) =>
        createTask(i % 2 ? many : manyOnTwo, { name: `Task ${i}`, source: twitch }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    expect(statuses.filter((status) => status === 403)).toHaveLength(4);
    const refused = answers.find((answer) => answer.status === 403)!;
    expect(refused.body).toMatchObject({ limit: 'maxTasksPerUser', maxTasksPerUser: 100 });
    const { body: listed } = await many.call<AutomationTaskDto[]>(paths.tasks);
    expect(listed).toHaveLength(100);
    const clone = await many.call<ErrorBody>(paths.taskClone(listed[0]!.id), { body: {} });
    expect(clone.status).toBe(403);
    // Other users are not affected, and deleting one makes room again.
    expect((await createTask(free, { name: 'Theirs', source: twitch })).status).toBe(201);
    await many.call(paths.task(listed[0]!.id), { method: 'DELETE' });
    expect((await createTask(many, { name: 'Again', source: twitch })).status).toBe(201);
  });

  describe('schedules', () => {
    let taskId: string;

    beforeAll(async () => {
      taskId = (await createTask(me, { name: 'Scheduled', source: twitch })).body.id;
    });

    it('creates a weekly schedule with its next run in the zone, shown on the task', async () => {
      const { status, body } = await me.call<ScheduleDto>(paths.taskSchedules(taskId), {
        body: { type: 'weekly', time: '09:30', weekday: 1, timezone: 'Europe/Berlin' },
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        type: 'weekly',
        time: '09:30',
        weekday: 1,
        dayOfMonth: null,
        enabled: true,
      });
      const next = new Date(body.nextRunAt!);
      expect(next.getTime()).toBeGreaterThan(Date.now());
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(next);
      expect(local).toBe('Mon 09:30');
      const task = (await me.call<AutomationTaskDto>(paths.task(taskId))).body;
      expect(task.nextRunAt).toBe(body.nextRunAt);
      const listed = (await me.call<ScheduleDto[]>(paths.taskSchedules(taskId))).body;
      expect(listed.map((s) => s.id)).toEqual([body.id]);
    });

    it('recomputes the next run on edit; disable clears it, enable sets it again', async () => {
      const { body: schedule } = await me.call<ScheduleDto>(paths.taskSchedules(taskId), {
        body: { type: 'daily', time: '00:00' },
      });
      const edited = await me.call<ScheduleDto>(paths.schedule(schedule.id), {
        method: 'PATCH',
        body: { type: 'monthly', dayOfMonth: 31, time: '23:15' },
      });
      expect(edited.status).toBe(200);
      const next = new Date(edited.body.nextRunAt!);
      expect(next.getUTCHours() * 60 + next.getUTCMinutes()).toBe(23 * 60 + 15);
      const lastDay = new Date(
        Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0),
      ).getUTCDate();
      expect(next.getUTCDate()).toBe(lastDay);
      const off = await me.call<ScheduleDto>(paths.scheduleDisable(schedule.id), { body: {} });
      expect(off.body).toMatchObject({ enabled: false, nextRunAt: null });
      const on = await me.call<ScheduleDto>(paths.scheduleEnable(schedule.id), { body: {} });
      expect(on.body.enabled).toBe(true);
      expect(on.body.nextRunAt).toBe(edited.body.nextRunAt);
      expect((await me.call(paths.schedule(schedule.id), { method: 'DELETE' })).status).toBe(204);
    });

    it.each([
      [{ type: 'once', time: '10:00' }, /once.*can no longer be created/],
      [{ type: 'hourly', time: '10:00' }, /type must be one of daily, weekly, monthly/],
      [{ type: 'daily', time: '24:00' }, /time must be HH:MM/],
      [{ type: 'daily', time: '9:5' }, /time must be HH:MM/],
      [{ type: 'daily', time: '10:00', timezone: 'Mars/Olympus' }, /^timezone: "Mars\/Olympus"/],
      [{ type: 'weekly', time: '10:00' }, /weekday is required/],
      [{ type: 'weekly', time: '10:00', weekday: 7 }, /weekday must be 0/],
      [{ type: 'monthly', time: '10:00' }, /dayOfMonth is required/],
      [{ type: 'monthly', time: '10:00', dayOfMonth: 32 }, /dayOfMonth must be 1 to 31/],
    ])('refuses %j with 400', async (body, message) => {
      const { status, body: answer } = await me.call<ErrorBody>(paths.taskSchedules(taskId), {
        body,
      });
      expect(status).toBe(400);
      expect(String(answer.message)).toMatch(message);
    });

    it('reads a legacy once schedule', async () => {
      await sql.query(
        `INSERT INTO automation_schedules (task_id, owner_id, type, time, run_at, enabled, next_run_at)
         SELECT id, owner_id, 'once', '08:00', '2025-01-01T08:00:00Z', false, NULL FROM automation_tasks WHERE id = $1`,
        [taskId],
      );
      const listed = (await me.call<ScheduleDto[]>(paths.taskSchedules(taskId))).body;
      expect(listed.find((s) => s.type === 'once')).toMatchObject({
        enabled: false,
        time: '08:00',
      });
    });

    it('is tier-gated: 403 naming canSchedule, then maxSchedulesPerUser', async () => {
      const { body: task } = await createTask(free, { name: 'Free task', source: twitch });
      const refused = await free.call<ErrorBody>(paths.taskSchedules(task.id), {
        body: { type: 'daily', time: '10:00' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/^canSchedule: your plan \(Free\)/);
      expect(refused.body.limit).toBe('canSchedule');

      // Pro allows 5; "me" has 2 (weekly above, legacy once): three more fit, the sixth not.
      const owned = (await me.call<ScheduleDto[]>(paths.taskSchedules(taskId))).body.length;
      for (let i = owned; i < 5; i++) {
        const ok = await me.call(paths.taskSchedules(taskId), {
          body: { type: 'daily', time: '10:00' },
        });
        expect(ok.status).toBe(201);
      }
      const over = await me.call<ErrorBody>(paths.taskSchedules(taskId), {
        body: { type: 'daily', time: '10:00' },
      });
      expect(over.status).toBe(403);
      expect(over.body.message).toBe(
        'maxSchedulesPerUser: your plan (Pro) allows 5 schedule(s); you have 5',
      );
      for (const s of (await me.call<ScheduleDto[]>(paths.taskSchedules(taskId))).body) {
        await me.call(paths.schedule(s.id), { method: 'DELETE' });
      }
    });
  });

  describe('scheduler tick', () => {
    it('is for admins only', async () => {
      const { status } = await me.call(paths.schedulerTick, { body: {} });
      expect(status).toBe(403);
    });

    it('fires a missed schedule exactly once with two API processes ticking at once, and says it was late', async () => {
      const { body: task } = await createTask(me, { name: 'Ticked', source: twitch });
      const { body: schedule } = await me.call<ScheduleDto>(paths.taskSchedules(task.id), {
        body: { type: 'daily', time: '06:00' },
      });
      for (let round = 0; round < 3; round++) {
        // Due since 3 hours ago (the API "was down"), as if several ticks were missed.
        await sql.query(
          `UPDATE automation_schedules SET next_run_at = now() - interval '3 hours' WHERE id = $1`,
          [schedule.id],
        );
        // Runs of this task end at once (Twitch is not configured here): the next round can start one.
        const ticks = await Promise.all(
          [0, 1, 0, 1].map((n) =>
            apps[n]!.api<SchedulerTickDto>(paths.schedulerTick, { body: {} }),
          ),
        );
        expect(ticks.map((tick) => tick.status)).toEqual([200, 200, 200, 200]);
        const started = ticks
          .flatMap((tick) => tick.body.started)
          .filter((s) => s.scheduleId === schedule.id);
        expect(started).toHaveLength(1);
        expect(started[0]!.late).toBe(true);
        const run = await waitFor('the run to end', async () => {
          const { body } = await meOnTwo.call<AutomationRunDto>(paths.run(started[0]!.runId));
          return ['failed', 'completed', 'cancelled'].includes(body.state) ? body : undefined;
        });
        expect(run).toMatchObject({ trigger: 'schedule', scheduleId: schedule.id, late: true });
        expect(run.log[0]).toMatch(/minute\(s\) late .* missed times in between are not made up/);
        const after = (await me.call<ScheduleDto[]>(paths.taskSchedules(task.id))).body[0]!;
        expect(new Date(after.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
        expect(after.lastRunAt).not.toBeNull();
      }
      const runs = (await me.call<AutomationRunDto[]>(paths.taskRuns(task.id))).body;
      expect(runs).toHaveLength(3);
      // Nothing else is due: a tick now starts nothing.
      const idle = await apps[1]!.api<SchedulerTickDto>(paths.schedulerTick, { body: {} });
      expect(idle.body.started.filter((s) => s.scheduleId === schedule.id)).toEqual([]);
      await me.call(paths.schedule(schedule.id), { method: 'DELETE' });
    });

    it('runs now: 202 with a run id, a failure with the reason; 409 while a run is going', async () => {
      const { body: task } = await createTask(me, { name: 'Now', source: twitch });
      const started = await me.call<StartRunResponse>(paths.taskRun(task.id), { body: {} });
      expect(started.status).toBe(202);
      const run = await waitFor('the run to fail', async () => {
        const { body } = await me.call<AutomationRunDto>(paths.run(started.body.runId));
        return body.state === 'failed' ? body : undefined;
      });
      expect(run).toMatchObject({ trigger: 'manual', stage: 'fetch', projectId: null });
      expect(run.error).toMatch(/TWITCH_CLIENT_ID/);

      // A run another API process is driving (its lease is live): a second one is refused.
      const { rows } = await sql.query<{ id: string }>(
        `INSERT INTO automation_runs (task_id, owner_id, trigger, state, lease_owner, lease_until)
         SELECT id, owner_id, 'manual', 'running', 'elsewhere', now() + interval '1 hour'
           FROM automation_tasks WHERE id = $1 RETURNING id`,
        [task.id],
      );
      const again = await me.call<ErrorBody>(paths.taskRun(task.id), { body: {} });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe(
        'Task “Now” is already running: wait for its run to finish, or cancel it',
      );
      const cancelled = await me.call<AutomationRunDto>(paths.runCancel(rows[0]!.id), { body: {} });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      expect(cancelled.body.log.at(-1)).toMatch(/^Cancelled/);
      const history = (await me.call<AutomationRunDto[]>(paths.taskRuns(task.id))).body;
      expect(history.map((r) => r.state)).toEqual(['cancelled', 'failed']);
      const listed = (await me.call<AutomationTaskDto[]>(paths.tasks)).body.find(
        (t) => t.id === task.id,
      )!;
      expect(listed.lastRun?.state).toBe('cancelled');
    });

    it('passes a due time run-less when the owner’s plan lost scheduling', async () => {
      const { body: task } = await createTask(other, { name: 'Downgraded', source: twitch });
      const { body: schedule } = await other.call<ScheduleDto>(paths.taskSchedules(task.id), {
        body: { type: 'daily', time: '06:00' },
      });
      await giveTier(apps[0]!, 'Free', otherToken);
      await sql.query(
        `UPDATE automation_schedules SET next_run_at = now() - interval '1 minute' WHERE id = $1`,
        [schedule.id],
      );
      const { body: tick } = await apps[1]!.api<SchedulerTickDto>(paths.schedulerTick, {
        body: {},
      });
      const started = tick.started.filter((s) => s.scheduleId === schedule.id);
      expect(started).toHaveLength(1);
      const run = (await other.call<AutomationRunDto>(paths.run(started[0]!.runId))).body;
      expect(run).toMatchObject({
        state: 'failed',
        late: false,
        error: 'Skipped: your plan no longer includes scheduled tasks (canSchedule)',
      });
      const after = (await other.call<ScheduleDto[]>(paths.taskSchedules(task.id))).body[0]!;
      expect(new Date(after.nextRunAt!).getTime()).toBeGreaterThan(Date.now());
    });
  });
});
