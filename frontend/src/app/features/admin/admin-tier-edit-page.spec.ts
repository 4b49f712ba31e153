import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { TierDto } from '@clippyfront/shared';
import { choose, text, typeInto } from '../../../testing/fixtures';
import { makeTier } from '../../../testing/tier-fixtures';
import { AdminTierEditPage } from './admin-tier-edit-page';

const GB = 1024 ** 3;

describe('AdminTierEditPage', () => {
  let fixture: ComponentFixture<AdminTierEditPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const input = (id: string) => byTestId(id) as HTMLInputElement;
  const click = (id: string) => {
    (byTestId(id) as HTMLElement).click();
    fixture.detectChanges();
  };
  const type = (id: string, value: string) => {
    typeInto(byTestId(id), value);
    fixture.detectChanges();
  };

  function create(): void {
    fixture = TestBed.createComponent(AdminTierEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  function edit(tier: TierDto): void {
    fixture = TestBed.createComponent(AdminTierEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', tier.id);
    fixture.detectChanges();
    http.expectOne(`/api/admin/tiers/${tier.id}`).flush(tier);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminTierEditPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('creates a tier from GB and hours, blank caps meaning none', () => {
    create();
    expect(text(el.querySelector('h1'))).toBe('New tier');
    expect(text(byTestId('tier-save'))).toBe('Create tier');
    type('tier-name', 'Creator');
    type('tier-storage', '2.5');
    type('tier-render', '1.5');
    expect((byTestId('tier-render-unit') as HTMLSelectElement).value).toBe('hours');
    choose(byTestId('tier-max-resolution'), '1440p');
    choose(byTestId('tier-max-fps'), '3: 50');
    input('tier-watermark').click();
    input('tier-can-schedule').click();
    type('tier-max-schedules', '3');
    click('tier-save');

    const post = http.expectOne({ method: 'POST', url: '/api/admin/tiers' });
    expect(post.request.body).toEqual({
      name: 'Creator',
      description: '',
      storageLimitBytes: 2.5 * GB,
      monthlyRenderSeconds: 5400,
      maxClipsPerProject: null,
      maxResolution: '1440p',
      maxFps: 50,
      watermark: false,
      unlimited: false,
      active: true,
      isDefault: false,
      canSchedule: true,
      maxSchedulesPerUser: 3,
    });
    post.flush(makeTier({ id: 'new', name: 'Creator' }));
    expect(navigateByUrl).toHaveBeenCalledWith('/admin/tiers');
  });

  it('says what is wrong with bad values and sends nothing', () => {
    create();
    type('tier-storage', 'lots');
    type('tier-render', '-5');
    type('tier-max-clips', '2.5');
    type('tier-max-schedules', '');
    input('tier-active').click();
    input('tier-default').click();
    click('tier-save');
    expect(text(byTestId('tier-name-error'))).toBe('Name is required.');
    expect(text(byTestId('tier-storage-error'))).toBe('Storage limit must be a number.');
    expect(text(byTestId('tier-render-error'))).toBe('Render time must be at least 0.');
    expect(text(byTestId('tier-max-clips-error'))).toBe(
      'Clips per project must be a whole number.',
    );
    expect(text(byTestId('tier-max-schedules-error'))).toBe('Schedules per user is required.');
    expect(text(byTestId('tier-default-error'))).toBe('The default tier must be active.');
    http.expectNone('/api/admin/tiers');

    // The largest render time follows the unit.
    type('tier-render', '600000');
    choose(byTestId('tier-render-unit'), 'hours');
    fixture.detectChanges();
    expect(text(byTestId('tier-render-error'))).toBe('Render time must be at most 596523.');
    choose(byTestId('tier-render-unit'), 'minutes');
    fixture.detectChanges();
    expect(byTestId('tier-render-error')).toBeNull();
  });

  it('shows the API’s messages (a taken name)', () => {
    create();
    type('tier-name', 'Pro');
    click('tier-save');
    http
      .expectOne({ method: 'POST', url: '/api/admin/tiers' })
      .flush(
        { statusCode: 409, message: 'A tier named "Pro" already exists' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('tier-errors'))).toBe('A tier named "Pro" already exists');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('edits a tier in human units and saves only the changes', () => {
    const pro = makeTier({
      id: 'pro',
      name: 'Pro',
      isDefault: false,
      storageLimitBytes: 50 * GB,
      monthlyRenderSeconds: 21_600,
      maxClipsPerProject: 100,
      userCount: 1,
    });
    edit(pro);
    expect(text(el.querySelector('h1'))).toBe('Pro');
    expect(text(byTestId('admin-tier-user-count'))).toBe('1 user has this tier.');
    expect(input('tier-storage').value).toBe('50');
    expect(input('tier-render').value).toBe('6');
    expect((byTestId('tier-render-unit') as HTMLSelectElement).value).toBe('hours');
    expect(input('tier-max-clips').value).toBe('100');
    expect(input('tier-default').disabled).toBe(false);

    type('tier-storage', '');
    type('tier-render', '90');
    choose(byTestId('tier-render-unit'), 'minutes');
    type('tier-max-clips', '');
    click('tier-save');
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/tiers/pro' });
    expect(patch.request.body).toEqual({
      storageLimitBytes: null,
      monthlyRenderSeconds: 5400,
      maxClipsPerProject: null,
    });
    patch.flush({
      ...pro,
      storageLimitBytes: null,
      monthlyRenderSeconds: 5400,
      maxClipsPerProject: null,
    });
    fixture.detectChanges();
    expect(text(byTestId('tier-saved'))).toBe('Saved.');
    expect(input('tier-render').value).toBe('90');

    // Nothing changed: nothing sent.
    click('tier-save');
    http.expectNone({ method: 'PATCH' });
  });

  it('keeps the default flag on the default tier and shows API 400s', () => {
    edit(makeTier({ maxFps: 120 }));
    expect(input('tier-default').checked).toBe(true);
    expect(input('tier-default').disabled).toBe(true);
    // A frame rate outside the usual ones is kept and offered.
    const fps = [...(byTestId('tier-max-fps') as HTMLSelectElement).options].map((o) => o.text);
    expect(fps).toEqual(['24 fps', '25 fps', '30 fps', '50 fps', '60 fps', '120 fps']);
    type('tier-description', 'x');
    click('tier-save');
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/tiers/tier-free' });
    expect(patch.request.body).toEqual({ description: 'x' });
    patch.flush(
      { statusCode: 400, message: ['description: bad', 'maxFps: bad'] },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    const messages = [...el.querySelectorAll('[data-testid="tier-errors"] li')].map((li) =>
      text(li),
    );
    expect(messages).toEqual(['description: bad', 'maxFps: bad']);
  });

  it('says when the tier does not exist', () => {
    fixture = TestBed.createComponent(AdminTierEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'gone');
    fixture.detectChanges();
    http
      .expectOne('/api/admin/tiers/gone')
      .flush({ statusCode: 404, message: 'no' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(byTestId('admin-tier-not-found')).not.toBeNull();
  });
});
