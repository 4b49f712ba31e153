import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  FINISHED_RUN_STATES,
  type AutomationRunDto,
  type AutomationTaskDto,
  type CreateScheduleRequest,
  type CreateTaskRequest,
  type DiscordClipsPage,
  type RunState,
  type ScheduleDto,
  type StartRunResponse,
  type TaskSource,
  type TwitchClipsPage,
  type UpdateScheduleRequest,
  type UpdateTaskRequest,
} from '@clippyfront/shared';
import { map, Observable } from 'rxjs';
import type { FoundClipDto } from '@clippyfront/shared';

const paths = API_PATHS.automation;
const id = (value: string) => encodeURIComponent(value);
const DAY_MS = 86_400_000;

/** True while a run can still change by itself (queued or running). */
export function isRunActive(state: RunState | null | undefined): boolean {
  return state != null && !FINISHED_RUN_STATES.includes(state);
}

/** Tasks, their runs and schedules (`/api/automation`). */
@Injectable({ providedIn: 'root' })
export class AutomationService {
  private readonly http = inject(HttpClient);

  tasks(): Observable<AutomationTaskDto[]> {
    return this.http.get<AutomationTaskDto[]>(paths.tasks);
  }

  task(taskId: string): Observable<AutomationTaskDto> {
    return this.http.get<AutomationTaskDto>(paths.task(id(taskId)));
  }

  create(body: CreateTaskRequest): Observable<AutomationTaskDto> {
    return this.http.post<AutomationTaskDto>(paths.tasks, body);
  }

  update(taskId: string, body: UpdateTaskRequest): Observable<AutomationTaskDto> {
    return this.http.patch<AutomationTaskDto>(paths.task(id(taskId)), body);
  }

  delete(taskId: string): Observable<void> {
    return this.http.delete<void>(paths.task(id(taskId)));
  }

  clone(taskId: string): Observable<AutomationTaskDto> {
    return this.http.post<AutomationTaskDto>(paths.taskClone(id(taskId)), {});
  }

  runNow(taskId: string): Observable<StartRunResponse> {
    return this.http.post<StartRunResponse>(paths.taskRun(id(taskId)), {});
  }

  runs(taskId: string): Observable<AutomationRunDto[]> {
    return this.http.get<AutomationRunDto[]>(paths.taskRuns(id(taskId)));
  }

  run(runId: string): Observable<AutomationRunDto> {
    return this.http.get<AutomationRunDto>(paths.run(id(runId)));
  }

  cancelRun(runId: string): Observable<AutomationRunDto> {
    return this.http.post<AutomationRunDto>(paths.runCancel(id(runId)), {});
  }

  schedules(taskId: string): Observable<ScheduleDto[]> {
    return this.http.get<ScheduleDto[]>(paths.taskSchedules(id(taskId)));
  }

  addSchedule(taskId: string, body: CreateScheduleRequest): Observable<ScheduleDto> {
    return this.http.post<ScheduleDto>(paths.taskSchedules(id(taskId)), body);
  }

  updateSchedule(scheduleId: string, body: UpdateScheduleRequest): Observable<ScheduleDto> {
    return this.http.patch<ScheduleDto>(paths.schedule(id(scheduleId)), body);
  }

  setScheduleEnabled(scheduleId: string, enabled: boolean): Observable<ScheduleDto> {
    const path = enabled ? paths.scheduleEnable : paths.scheduleDisable;
    return this.http.post<ScheduleDto>(path(id(scheduleId)), {});
  }

  deleteSchedule(scheduleId: string): Observable<void> {
    return this.http.delete<void>(paths.schedule(id(scheduleId)));
  }

  /**
   * The clips a run of this source would take now, through the same sources endpoints the
   * Clips step uses (a Twitch source without a username uses the profile's).
   */
  preview(source: TaskSource, now = Date.now()): Observable<FoundClipDto[]> {
    if (source.kind === 'discord') {
      const params = new HttpParams().set('channelId', source.channelId).set('limit', 100);
      return this.http
        .get<DiscordClipsPage>(API_PATHS.clipSources.discordMessages, { params })
        .pipe(map((page) => page.clips.slice(0, source.count)));
    }
    let params = new HttpParams()
      .set('first', 100)
      .set('sort', source.sort)
      .set('startedAt', new Date(now - source.lastDays * DAY_MS).toISOString());
    if (source.username) params = params.set('username', source.username);
    return this.http
      .get<TwitchClipsPage>(API_PATHS.clipSources.twitchClips, { params })
      .pipe(
        map((page) =>
          page.clips
            .filter((clip) => (clip.viewCount ?? 0) >= source.minViews)
            .slice(0, source.count),
        ),
      );
  }
}
