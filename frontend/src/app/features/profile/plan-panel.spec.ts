import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { UsageDto } from '@clippyfront/shared';
import { makeUser, text } from '../../../testing/fixtures';
import { makePlanUsage } from '../../../testing/tier-fixtures';
import { AuthService } from '../../core/auth.service';
import { PlanPanel } from './plan-panel';

describe('PlanPanel', () => {
  let fixture: ComponentFixture<PlanPanel>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const shown = (id: string) => text(byTestId(id));

  function open(usage: UsageDto): void {
    fixture = TestBed.createComponent(PlanPanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/auth/me/usage').flush(usage);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PlanPanel],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).setUser(makeUser());
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('shows the plan, storage and render time used of the limits, the reset date and caps', () => {
    open(makePlanUsage());
    expect(shown('plan-name')).toBe('Free');
    expect(byTestId('plan-none')).toBeNull();
    expect(shown('plan-storage')).toBe('256.0 MiB of 1.0 GiB');
    expect(shown('plan-render')).toBe('12 min of 30 min');
    expect(shown('plan-resets')).toBe('resets 1 Jan 2027');
    const bars = [...el.querySelectorAll('[role="progressbar"]')];
    expect(bars.map((b) => b.getAttribute('aria-valuenow'))).toEqual(['25', '40']);
    expect(shown('plan-output')).toBe('up to 1080p at 30 fps');
    expect(shown('plan-clips')).toBe('Up to 20');
    expect(shown('plan-schedules')).toBe('Not included');
    expect(shown('plan-watermark')).toBe('On');
  });

  it('shows an unlimited plan as such, without bars or watermark', () => {
    open(
      makePlanUsage({
        tier: {
          name: 'Unlimited',
          unlimited: true,
          maxResolution: '2160p',
          maxFps: 60,
          maxClipsPerProject: null,
          canSchedule: true,
          maxSchedulesPerUser: 5,
        },
        storage: { limitBytes: null },
        render: { limitSeconds: null, usedSecondsThisMonth: 5400 },
      }),
    );
    expect(shown('plan-name')).toBe('Unlimited');
    expect(shown('plan-storage')).toBe('256.0 MiB (unlimited)');
    expect(shown('plan-render')).toBe('1 h 30 min (unlimited)');
    expect(el.querySelector('[role="progressbar"]')).toBeNull();
    expect(shown('plan-output')).toBe('up to 2160p at 60 fps');
    expect(shown('plan-clips')).toBe('No cap');
    expect(shown('plan-schedules')).toBe('Up to 5');
    expect(shown('plan-watermark')).toBe('Off');
  });

  it('says when there is no plan (STORAGE_QUOTA applies)', () => {
    open(
      makePlanUsage({
        tier: null,
        storage: { limitBytes: null },
        render: { limitSeconds: null },
      }),
    );
    expect(shown('plan-name')).toBe('No plan');
    expect(shown('plan-none')).toContain('STORAGE_QUOTA');
    expect(shown('plan-storage')).toBe('256.0 MiB (no limit)');
    expect(byTestId('plan-output')).toBeNull();
    expect(shown('plan-watermark')).toBe('On');
  });

  it('follows the user’s watermark override', () => {
    TestBed.inject(AuthService).setUser(makeUser({ watermarkOverride: 'never' }));
    open(makePlanUsage());
    expect(shown('plan-watermark')).toBe('Off');
  });

  it('says when the plan cannot be loaded and tries again', () => {
    fixture = TestBed.createComponent(PlanPanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne('/api/auth/me/usage')
      .flush({ statusCode: 500, message: 'Boom' }, { status: 500, statusText: 'Error' });
    fixture.detectChanges();
    expect(text(el)).toContain('Could not load your plan');
    (el.querySelector('cf-load-error button') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectOne('/api/auth/me/usage').flush(makePlanUsage());
    fixture.detectChanges();
    expect(shown('plan-name')).toBe('Free');
  });
});
