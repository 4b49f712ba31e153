import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AutomationTaskDto } from '@clippyfront/shared';
import { TaskListPage } from './task-list-page';

const task = (fields: Partial<AutomationTaskDto>): AutomationTaskDto => ({
  id: 't1',
  name: 'Weekly',
  source: { kind: 'discord', channelId: '42', count: 3 },
  introId: null,
  outroId: null,
  transitionIds: [],
  randomizeTransitions: false,
  output: { resolution: '1080p', format: 'mp4', fps: 30, maxClipSeconds: 30 },
  projectNameTemplate: '{task} {date}',
  previousProject: 'keep',
  lastRun: null,
  nextRunAt: null,
  createdAt: '2026-05-01T00:00:00Z',
  updatedAt: '2026-05-01T00:00:00Z',
  ...fields,
});

describe('TaskListPage', () => {
  it('lists tasks with their source, last run and next run; links to each', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TaskListPage);
    http
      .expectOne('/api/automation/tasks')
      .flush([task({ nextRunAt: '2026-05-11T07:00:00Z' }), task({ id: 't2', name: 'Never run' })]);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const rows = el.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Discord: channel 42, newest 3');
    expect(rows[0]!.querySelector('[data-testid="automation-task-next"]')!.textContent).toMatch(
      /2026/,
    );
    expect(rows[1]!.textContent).toContain('Never');
    expect(rows[1]!.querySelector('a')!.getAttribute('href')).toBe('/automation/t2');
  });

  it('says when there are no tasks', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(TaskListPage);
    http.expectOne('/api/automation/tasks').flush([]);
    fixture.detectChanges();
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="automation-empty"]'),
    ).not.toBeNull();
  });
});
