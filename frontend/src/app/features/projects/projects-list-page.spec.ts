import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ProjectDto } from '@clippyfront/shared';
import { choose, text, typeInto } from '../../../testing/fixtures';
import { makeProject } from '../../../testing/project-fixtures';
import {
  PROJECT_SEARCH_DEBOUNCE_MS,
  PROJECTS_PAGE_SIZE,
  ProjectsListPage,
} from './projects-list-page';

describe('ProjectsListPage', () => {
  let fixture: ComponentFixture<ProjectsListPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="project-row"]'));
  const listUrl = (query = '', offset = 0) =>
    `/api/projects?${query}limit=${PROJECTS_PAGE_SIZE}&offset=${offset}`;
  const click = (target: Element | null) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const answerList = (items: ProjectDto[], total = items.length, url = listUrl()) => {
    http.expectOne(url).flush({ items, total });
    fixture.detectChanges();
  };

  const projects = [
    makeProject({ id: 'p1', name: 'Best of January', clipCount: 12, description: 'Highlights' }),
    makeProject({
      id: 'p2',
      name: 'Week 3',
      clipCount: 1,
      output: { resolution: '720p', format: 'webm', fps: 60, maxClipSeconds: 45 },
    }),
  ];

  function create(items = projects, total = items.length): void {
    fixture = TestBed.createComponent(ProjectsListPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    answerList(items, total);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ProjectsListPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('lists the projects with clip count, output settings and a link to each', () => {
    create();
    expect(rows().map((r) => r.getAttribute('data-project-id'))).toEqual(['p1', 'p2']);
    const [first, second] = rows();
    expect(text(first.querySelector('[data-testid="project-link"]'))).toBe('Best of January');
    expect(first.querySelector('[data-testid="project-link"]')?.getAttribute('href')).toBe(
      '/projects/p1',
    );
    expect(text(first)).toContain('Highlights');
    expect(text(first.querySelector('[data-testid="project-clip-count"]'))).toBe('12');
    expect(text(first)).toContain('1080p · 30 fps · MP4 · clips ≤ 30 s');
    expect(text(second)).toContain('720p · 60 fps · WEBM · clips ≤ 45 s');
    expect(text(byTestId('projects-count'))).toBe('2 projects');
  });

  it('searches (debounced) and pages', () => {
    create([projects[0]], 45);
    expect(text(byTestId('projects-range'))).toBe('1–1 of 45');
    click(byTestId('projects-page-next'));
    answerList([projects[1]], 45, listUrl('', PROJECTS_PAGE_SIZE));
    expect(text(byTestId('projects-range'))).toBe('21–21 of 45');
    click(byTestId('projects-page-previous'));
    answerList([projects[0]], 45);

    jest.useFakeTimers();
    typeInto(byTestId('projects-search'), '  week ');
    jest.advanceTimersByTime(PROJECT_SEARCH_DEBOUNCE_MS - 1);
    http.expectNone(listUrl('q=week&'));
    jest.advanceTimersByTime(1);
    fixture.detectChanges();
    answerList([], 0, listUrl('q=week&'));
    expect(text(byTestId('projects-empty'))).toContain('No projects match “week”');
  });

  it('says when there are no projects yet', () => {
    create([]);
    expect(text(byTestId('projects-empty'))).toContain('No projects yet');
  });

  it('creates a project with the defaults and opens it', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    create();
    click(byTestId('project-new'));
    expect(byTestId('project-new')).toBeNull();
    const form = byTestId('project-create');
    expect(
      (byTestId('project-create-resolution') as HTMLSelectElement).selectedOptions[0].text,
    ).toBe('1080p (1920×1080)');
    expect((byTestId('project-create-max-clip') as HTMLInputElement).value).toBe('30');
    expect((byTestId('project-create-name') as HTMLInputElement).placeholder).toMatch(
      /^Compilation of \d{4}-\d{2}-\d{2}$/,
    );

    click(byTestId('project-create-submit'));
    const post = http.expectOne({ method: 'POST', url: '/api/projects' });
    // A blank name and description are left out: the API names the project itself.
    expect(post.request.body).toEqual({
      output: { resolution: '1080p', format: 'mp4', fps: 30, maxClipSeconds: 30 },
    });
    expect(form).not.toBeNull();
    post.flush(makeProject({ id: 'new', name: 'Compilation of 2026-01-02' }), {
      status: 201,
      statusText: 'Created',
    });
    fixture.detectChanges();
    expect(navigate).toHaveBeenCalledWith(['/projects', 'new']);
  });

  it('sends the name, description and chosen output settings; shows API errors', () => {
    create();
    click(byTestId('project-new'));
    typeInto(byTestId('project-create-name'), '  Week 4  ');
    typeInto(byTestId('project-create-description'), 'Funny ones');
    choose(byTestId('project-create-resolution'), '2: 1440p');
    choose(byTestId('project-create-fps'), '4: 60');
    choose(byTestId('project-create-format'), '1: webm');
    typeInto(byTestId('project-create-max-clip'), '45');
    fixture.detectChanges();
    click(byTestId('project-create-submit'));
    const post = http.expectOne({ method: 'POST', url: '/api/projects' });
    expect(post.request.body).toEqual({
      name: 'Week 4',
      description: 'Funny ones',
      output: { resolution: '1440p', format: 'webm', fps: 60, maxClipSeconds: 45 },
    });
    post.flush(
      { statusCode: 400, message: ['output.resolution exceeds your tier'] },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(text(byTestId('project-create-errors'))).toBe('output.resolution exceeds your tier');
    click(byTestId('project-create-cancel'));
    expect(byTestId('project-create')).toBeNull();
  });

  it('checks the longest-clip setting before sending', () => {
    create();
    click(byTestId('project-new'));
    typeInto(byTestId('project-create-max-clip'), '0');
    fixture.detectChanges();
    click(byTestId('project-create-submit'));
    http.expectNone({ method: 'POST', url: '/api/projects' });
    expect(text(byTestId('project-create-max-clip-error'))).toContain('from 1 to 600');
    typeInto(byTestId('project-create-max-clip'), '12.5');
    fixture.detectChanges();
    expect(text(byTestId('project-create-max-clip-error'))).toContain('whole number');
  });

  it('deletes a project after a confirmation that says what happens to its files', () => {
    create();
    click(rows()[0].querySelector('[data-testid="project-delete"]'));
    const dialog = byTestId('project-delete-dialog');
    expect(text(dialog)).toContain('Delete “Best of January”?');
    expect(text(dialog)).toContain('its 12 clips are removed');
    expect(text(dialog)).toContain('unless another project uses them');
    expect(text(dialog)).toContain('Your intros, outros and transitions stay');

    click(byTestId('project-delete-cancel'));
    expect(byTestId('project-delete-dialog')).toBeNull();
    http.expectNone({ method: 'DELETE' });

    click(rows()[0].querySelector('[data-testid="project-delete"]'));
    click(byTestId('project-delete-confirm'));
    http
      .expectOne({ method: 'DELETE', url: '/api/projects/p1' })
      .flush({ statusCode: 500, message: 'Disk busy' }, { status: 500, statusText: 'x' });
    fixture.detectChanges();
    expect(text(byTestId('project-delete-error'))).toBe('Disk busy (HTTP 500)');

    click(byTestId('project-delete-confirm'));
    http
      .expectOne({ method: 'DELETE', url: '/api/projects/p1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(byTestId('project-delete-dialog')).toBeNull();
    expect(text(byTestId('projects-deleted'))).toBe('Deleted “Best of January”.');
    answerList([projects[1]]);
    expect(rows()).toHaveLength(1);
  });

  it('goes back a page when the last project of a later page is deleted', () => {
    create([projects[0]], PROJECTS_PAGE_SIZE + 1);
    click(byTestId('projects-page-next'));
    answerList([projects[1]], PROJECTS_PAGE_SIZE + 1, listUrl('', PROJECTS_PAGE_SIZE));
    click(byTestId('project-delete'));
    click(byTestId('project-delete-confirm'));
    http.expectOne({ method: 'DELETE', url: '/api/projects/p2' }).flush(null);
    fixture.detectChanges();
    answerList([projects[0]], PROJECTS_PAGE_SIZE);
  });

  it('shows why the list could not be loaded, and tries again', () => {
    fixture = TestBed.createComponent(ProjectsListPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(listUrl()).error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('projects-error'))).toContain('Cannot reach the ClippyFront API');
    click(byTestId('projects-error')?.querySelector('button') ?? null);
    answerList(projects);
    expect(byTestId('projects-error')).toBeNull();
  });
});
