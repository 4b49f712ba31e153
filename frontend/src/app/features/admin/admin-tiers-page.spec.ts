import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { text } from '../../../testing/fixtures';
import { makeTier } from '../../../testing/tier-fixtures';
import { AdminTiersPage } from './admin-tiers-page';

const GB = 1024 ** 3;

describe('AdminTiersPage', () => {
  let fixture: ComponentFixture<AdminTiersPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string, root: ParentNode = el) =>
    root.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="admin-tier-row"]'));
  const click = (target: Element | null) => {
    (target as HTMLButtonElement).click();
    fixture.detectChanges();
  };

  const TIERS = [
    makeTier({ id: 'free' }),
    makeTier({
      id: 'pro',
      name: 'Pro',
      isDefault: false,
      storageLimitBytes: 50 * GB,
      monthlyRenderSeconds: 21_600,
      watermark: false,
      maxResolution: '2160p',
      maxFps: 60,
      maxClipsPerProject: 100,
      userCount: 1,
    }),
    makeTier({
      id: 'unl',
      name: 'Unlimited',
      isDefault: false,
      unlimited: true,
      storageLimitBytes: null,
      monthlyRenderSeconds: null,
      maxClipsPerProject: null,
      userCount: 0,
    }),
    makeTier({ id: 'old', name: 'Legacy', isDefault: false, active: false, userCount: 0 }),
  ];

  function open(): void {
    fixture = TestBed.createComponent(AdminTiersPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/admin/tiers').flush(TIERS);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminTiersPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('lists every tier with its limits, caps, watermark, badges and user count', () => {
    open();
    expect(rows().map((r) => r.getAttribute('data-tier-name'))).toEqual([
      'Free',
      'Pro',
      'Unlimited',
      'Legacy',
    ]);
    const cell = (row: number, id: string) => text(byTestId(id, rows()[row]));
    expect(cell(0, 'admin-tier-storage')).toBe('1.0 GiB');
    expect(cell(0, 'admin-tier-render')).toBe('30 min');
    expect(cell(0, 'admin-tier-caps')).toBe('1080p · 30 fps · 20 clips per project');
    expect(cell(0, 'admin-tier-watermark')).toBe('on');
    expect(cell(0, 'admin-tier-users')).toBe('3');
    expect(cell(0, 'admin-tier-default')).toBe('default');
    expect(cell(0, 'admin-tier-active')).toBe('active');

    expect(cell(1, 'admin-tier-storage')).toBe('50.0 GiB');
    expect(cell(1, 'admin-tier-render')).toBe('6 h');
    expect(cell(1, 'admin-tier-caps')).toBe('2160p · 60 fps · 100 clips per project');
    expect(cell(1, 'admin-tier-watermark')).toBe('off');
    expect(byTestId('admin-tier-default', rows()[1])).toBeNull();

    expect(cell(2, 'admin-tier-storage')).toBe('Unlimited');
    expect(cell(2, 'admin-tier-render')).toBe('Unlimited');
    expect(cell(2, 'admin-tier-watermark')).toBe('off');
    expect(cell(3, 'admin-tier-active')).toBe('inactive');
    expect(rows()[3].classList.contains('row--inactive')).toBe(true);

    expect(byTestId('admin-tier-edit', rows()[1])?.getAttribute('href')).toBe('/admin/tiers/pro');
    expect(byTestId('admin-tier-new')?.getAttribute('href')).toBe('/admin/tiers/new');
    expect(text(el)).toContain('4 tiers');
  });

  it('deletes a tier after confirming', () => {
    open();
    click(byTestId('admin-tier-delete', rows()[2]));
    expect(text(byTestId('admin-tier-delete-dialog'))).toContain('Unlimited');
    click(byTestId('admin-tier-delete-confirm'));
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/tiers/unl' })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(byTestId('admin-tier-delete-dialog')).toBeNull();
    expect(rows()).toHaveLength(3);
    expect(text(byTestId('admin-tier-deleted'))).toBe('Deleted the tier “Unlimited”.');
  });

  it('shows the API’s refusal to delete a tier in use, and can be cancelled', () => {
    open();
    click(byTestId('admin-tier-delete', rows()[1]));
    click(byTestId('admin-tier-delete-confirm'));
    http.expectOne({ method: 'DELETE', url: '/api/admin/tiers/pro' }).flush(
      {
        statusCode: 409,
        message: 'Tier "Pro" is used by 1 user; move them to another tier first',
      },
      { status: 409, statusText: 'Conflict' },
    );
    fixture.detectChanges();
    expect(text(byTestId('admin-tier-delete-error'))).toBe(
      'Tier "Pro" is used by 1 user; move them to another tier first',
    );
    expect(rows()).toHaveLength(4);
    click(byTestId('admin-tier-delete-cancel'));
    expect(byTestId('admin-tier-delete-dialog')).toBeNull();
  });

  it('says when the list cannot be loaded and tries again', () => {
    fixture = TestBed.createComponent(AdminTiersPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne('/api/admin/tiers')
      .flush({ statusCode: 500, message: 'Boom' }, { status: 500, statusText: 'Error' });
    fixture.detectChanges();
    expect(text(byTestId('admin-tiers-error'))).toContain('Boom');
    click(el.querySelector('[data-testid="admin-tiers-error"] button'));
    http.expectOne('/api/admin/tiers').flush([]);
    fixture.detectChanges();
    expect(byTestId('admin-tiers-error')).toBeNull();
    expect(byTestId('admin-tiers-empty')).not.toBeNull();
  });
});
