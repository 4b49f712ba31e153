import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router } from '@angular/router';
import type { ProjectDto } from '@clippyfront/shared';
import { choose, makeHealth, text, typeInto } from '../../../testing/fixtures';
import { makeClip, makeProject } from '../../../testing/project-fixtures';
import { makePlanUsage } from '../../../testing/tier-fixtures';
import { COMING_LATER, neighbourStep, ProjectPage, stepFromParam } from './project-page';

describe('ProjectPage (the wizard)', () => {
  let fixture: ComponentFixture<ProjectPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const click = (target: Element | null) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const steps = () => Array.from(el.querySelectorAll('[data-testid="wizard-step"]'));

  const project = makeProject({
    id: 'p1',
    name: 'Best of January',
    description: 'Highlights of the month',
    clipCount: 2,
  });

  /** Opens project `p` and answers its GET and the clips step's first list. */
  function open(p: ProjectDto = project, clips = [makeClip({ id: 'a' }), makeClip({ id: 'b' })]) {
    fixture = TestBed.createComponent(ProjectPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', p.id);
    fixture.detectChanges();
    http.expectOne(`/api/projects/${p.id}`).flush(p);
    fixture.detectChanges();
    answerClipSources();
    http.expectOne(`/api/projects/${p.id}/clips`).flush({ items: clips });
    fixture.detectChanges();
  }

  /** The clips step reads once which sites the server takes links from. */
  function answerClipSources() {
    http.expectOne('/api/health').flush(makeHealth());
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ProjectPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('shows the project, its output settings and clip count, and sets the page title', () => {
    open();
    expect(text(byTestId('project-title'))).toBe('Best of January');
    expect(text(byTestId('project-description'))).toBe('Highlights of the month');
    expect(text(byTestId('project-output'))).toBe('1080p · 30 fps · MP4 · clips ≤ 30 s');
    expect(text(byTestId('project-clip-total'))).toBe('2 clips');
    expect(TestBed.inject(Title).getTitle()).toBe('Best of January · Projects · ClippyFront');
    expect(byTestId('clips-step')).not.toBeNull();
  });

  /** Answers the Arrange step's first reads (arrangement, media of three types, timeline, clips). */
  function answerArrange(projectId = 'p1') {
    http.expectOne(`/api/projects/${projectId}/arrangement`).flush({
      introId: null,
      outroId: null,
      transitionIds: [],
      randomizeTransitions: false,
    });
    http.match((r) => r.url === '/api/media').forEach((req) => req.flush({ items: [], total: 0 }));
    http
      .expectOne(`/api/projects/${projectId}/timeline`)
      .flush({ items: [], totalSeconds: 0, maxClipSeconds: 30 });
    http.expectOne(`/api/projects/${projectId}/clips`).flush({ items: [] });
    fixture.detectChanges();
  }

  it('shows the four steps; Clips, Arrange and Compile work, Export says it comes later', async () => {
    open();
    expect(steps().map((s) => s.getAttribute('data-step'))).toEqual([
      'clips',
      'arrange',
      'compile',
      'export',
    ]);
    const [clips, arrange, compile, exportStep] = steps();
    const clipsButton = clips.querySelector('button') as HTMLButtonElement;
    expect(clipsButton.disabled).toBe(false);
    expect(clipsButton.getAttribute('aria-current')).toBe('step');
    expect((arrange.querySelector('button') as HTMLButtonElement).disabled).toBe(false);
    expect(text(arrange.querySelector('[data-testid="wizard-step-note"]'))).toBe(
      'Intro, outro, order',
    );
    expect((compile.querySelector('button') as HTMLButtonElement).disabled).toBe(false);
    expect(text(compile.querySelector('[data-testid="wizard-step-note"]'))).toBe(
      'Render the video',
    );
    expect((exportStep.querySelector('button') as HTMLButtonElement).disabled).toBe(true);
    expect(text(exportStep.querySelector('[data-testid="wizard-step-note"]'))).toBe(COMING_LATER);
    expect(el.querySelectorAll('[data-testid="wizard-step"] button:disabled')).toHaveLength(1);
    expect(COMING_LATER).toBe('Coming in a later release');
    click(exportStep.querySelector('button'));
    expect(byTestId('clips-step')).not.toBeNull();

    // Arrange opens (its code loads on demand) and the URL remembers it for a reload.
    click(arrange.querySelector('button'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(byTestId('clips-step')).toBeNull();
    expect(byTestId('arrange-step')).not.toBeNull();
    expect(arrange.querySelector('button')?.getAttribute('aria-current')).toBe('step');
    answerArrange();
    expect(TestBed.inject(Router).url).toBe('/?step=arrange');

    click(clips.querySelector('button'));
    await fixture.whenStable();
    http.expectOne('/api/projects/p1/clips').flush({ items: [] });
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('has Back and Next buttons between the available steps', () => {
    expect(neighbourStep('clips', -1)).toBeNull();
    expect(neighbourStep('clips', 1)?.key).toBe('arrange');
    expect(neighbourStep('arrange', -1)?.key).toBe('clips');
    expect(neighbourStep('arrange', 1)?.key).toBe('compile');
    expect(neighbourStep('compile', -1)?.key).toBe('arrange');
    // Export comes later: nothing to go to after Compile.
    expect(neighbourStep('compile', 1)).toBeNull();
  });

  it('goes to the next step and back with the buttons below the step, focus following', async () => {
    open();
    expect(byTestId('wizard-back')).toBeNull();
    const next = byTestId('wizard-next') as HTMLButtonElement;
    expect(next.type).toBe('button');
    expect(text(next)).toBe('Next: Arrange →');

    click(next);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(byTestId('arrange-step')).not.toBeNull();
    answerArrange();
    expect(TestBed.inject(Router).url).toBe('/?step=arrange');
    expect(document.activeElement).toBe(el.querySelector('[data-step="arrange"] button'));
    expect(text(byTestId('wizard-back'))).toBe('← Back: Clips');
    expect(text(byTestId('wizard-next'))).toBe('Next: Compile →');

    click(byTestId('wizard-back'));
    await fixture.whenStable();
    http.expectOne('/api/projects/p1/clips').flush({ items: [] });
    fixture.detectChanges();
    expect(byTestId('clips-step')).not.toBeNull();
    expect(byTestId('wizard-back')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('opens the step the URL names, if it is available', async () => {
    expect(stepFromParam('arrange')).toBe('arrange');
    expect(stepFromParam('compile')).toBe('compile');
    expect(stepFromParam('export')).toBe('clips');
    expect(stepFromParam('nonsense')).toBe('clips');
    expect(stepFromParam(null)).toBe('clips');

    fixture = TestBed.createComponent(ProjectPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'p1');
    fixture.componentRef.setInput('step', 'arrange');
    fixture.detectChanges();
    http.expectOne('/api/projects/p1').flush(project);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(byTestId('arrange-step')).not.toBeNull();
    answerArrange();
    expect(byTestId('timeline-empty')).not.toBeNull();
  });

  it('opens the Compile step, with the project’s settings, and goes to Arrange from it', async () => {
    open(makeProject({ id: 'p1', output: { ...project.output, resolution: '720p', fps: 60 } }));
    click(el.querySelector('[data-step="compile"] button'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(byTestId('compile-step')).not.toBeNull();
    expect(TestBed.inject(Router).url).toBe('/?step=compile');
    http
      .expectOne('/api/projects/p1/timeline')
      .flush({ items: [], totalSeconds: 0, maxClipSeconds: 30 });
    http.expectOne('/api/projects/p1/compilations').flush({ items: [] });
    http
      .expectOne('/api/auth/me/usage')
      .flush(makePlanUsage({ tier: { maxResolution: '2160p', maxFps: 60 } }));
    http.expectOne('/api/projects/p1/arrangement').flush({
      introId: null,
      outroId: null,
      transitionIds: [],
      randomizeTransitions: false,
    });
    http.expectOne('/api/health').flush(makeHealth());
    fixture.detectChanges();
    expect((byTestId('compile-resolution') as HTMLSelectElement).value).toBe('720p');
    expect((byTestId('compile-fps') as HTMLSelectElement).value).toBe('60');
    expect((byTestId('compile-start') as HTMLButtonElement).disabled).toBe(true);

    // The empty timeline leads to the Arrange step.
    click(byTestId('compile-open-arrange'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(byTestId('compile-step')).toBeNull();
    expect(byTestId('arrange-step')).not.toBeNull();
    answerArrange();
    expect(TestBed.inject(Router).url).toBe('/?step=arrange');
  });

  it('keeps the clip count in the header in step with the clips list', () => {
    open(project, [makeClip({ id: 'a' })]);
    expect(text(byTestId('project-clip-total'))).toBe('1 clip');
  });

  it('edits the details and sends only what changed', () => {
    open();
    click(byTestId('project-edit'));
    expect((byTestId('project-edit-name') as HTMLInputElement).value).toBe('Best of January');
    expect((byTestId('project-edit-description') as HTMLTextAreaElement).value).toBe(
      'Highlights of the month',
    );
    typeInto(byTestId('project-edit-name'), 'Best of Jan');
    choose(byTestId('project-edit-fps'), '4: 60');
    fixture.detectChanges();
    click(byTestId('project-edit-submit'));
    const patch = http.expectOne({ method: 'PATCH', url: '/api/projects/p1' });
    expect(patch.request.body).toEqual({ name: 'Best of Jan', output: { fps: 60 } });
    patch.flush({ ...project, name: 'Best of Jan', output: { ...project.output, fps: 60 } });
    fixture.detectChanges();
    expect(byTestId('project-edit-submit')).toBeNull();
    expect(text(byTestId('project-title'))).toBe('Best of Jan');
    expect(text(byTestId('project-output'))).toContain('60 fps');
    expect(text(byTestId('project-saved'))).toBe('Saved');
  });

  it('closes the editor without a request when nothing changed; shows API errors', () => {
    open();
    click(byTestId('project-edit'));
    click(byTestId('project-edit-submit'));
    http.expectNone({ method: 'PATCH' });
    expect(byTestId('project-edit-submit')).toBeNull();

    click(byTestId('project-edit'));
    typeInto(byTestId('project-edit-description'), '');
    fixture.detectChanges();
    click(byTestId('project-edit-submit'));
    const patch = http.expectOne({ method: 'PATCH', url: '/api/projects/p1' });
    expect(patch.request.body).toEqual({ description: '' });
    patch.flush(
      { statusCode: 400, message: 'description is invalid' },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(text(byTestId('project-edit-errors'))).toBe('description is invalid');
    click(byTestId('project-edit-cancel'));
    expect(byTestId('project-edit-errors')).toBeNull();
  });

  it('says when the project does not exist (or is not yours)', () => {
    fixture = TestBed.createComponent(ProjectPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'nope');
    fixture.detectChanges();
    http
      .expectOne('/api/projects/nope')
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(text(byTestId('project-not-found'))).toContain('There is no project nope');
    expect(byTestId('clips-step')).toBeNull();
  });

  it('shows other load errors and tries again', () => {
    fixture = TestBed.createComponent(ProjectPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'p1');
    fixture.detectChanges();
    http.expectOne('/api/projects/p1').error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('project-error'))).toContain('Cannot reach the ClippyFront API');
    click(byTestId('project-error')?.querySelector('button') ?? null);
    http.expectOne('/api/projects/p1').flush(project);
    fixture.detectChanges();
    answerClipSources();
    http.expectOne('/api/projects/p1/clips').flush({ items: [] });
    fixture.detectChanges();
    expect(byTestId('project-error')).toBeNull();
    expect(text(byTestId('project-title'))).toBe('Best of January');
  });
});
