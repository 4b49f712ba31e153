import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { choose, makeToken, text, typeInto } from '../../../testing/fixtures';
import { ApiTokensPanel } from './api-tokens-panel';

describe('ApiTokensPanel', () => {
  let fixture: ComponentFixture<ApiTokensPanel>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const click = (id: string) => {
    (byTestId(id) as HTMLButtonElement).click();
    fixture.detectChanges();
  };
  const rows = () => Array.from(el.querySelectorAll('[data-testid="token-row"]'));

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApiTokensPanel],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApiTokensPanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('lists tokens with name, prefix, created, last used and expiry', () => {
    http
      .expectOne('/api/auth/tokens')
      .flush([
        makeToken({ id: 't1', name: 'CI', prefix: 'cf_ab12', expiresAt: '2099-01-01T00:00:00Z' }),
        makeToken({ id: 't2', name: 'Old', expiresAt: '2020-01-01T00:00:00Z' }),
      ]);
    fixture.detectChanges();

    expect(rows()).toHaveLength(2);
    const first = text(rows()[0]);
    expect(first).toContain('CI');
    expect(first).toContain('cf_ab12…');
    expect(first).toContain('Jan 1, 2026');
    expect(first).toContain('Never');
    expect(first).toContain('2099');
    expect(text(rows()[1])).toContain('expired');
  });

  it('shows a created token once; it is gone after closing', () => {
    http.expectOne('/api/auth/tokens').flush([]);
    fixture.detectChanges();
    expect(byTestId('tokens-empty')).not.toBeNull();

    typeInto(byTestId('token-name'), '  upload script ');
    typeInto(byTestId('token-password'), 'my current password');
    choose(byTestId('token-expires'), '30');
    click('token-create');
    const req = http.expectOne({ method: 'POST', url: '/api/auth/tokens' });
    expect(req.request.body).toEqual({
      name: 'upload script',
      expiresInDays: 30,
      currentPassword: 'my current password',
    });
    req.flush(
      { ...makeToken({ id: 't9', name: 'upload script' }), token: 'cf_ab12_SECRET_VALUE' },
      { status: 201, statusText: 'Created' },
    );
    fixture.detectChanges();

    expect(text(byTestId('token-created-value'))).toBe('cf_ab12_SECRET_VALUE');
    expect(text(byTestId('token-created'))).toContain('shown only this once');
    expect(byTestId('token-copy')).not.toBeNull();
    expect(rows()).toHaveLength(1);
    expect(text(rows()[0])).not.toContain('SECRET');
    expect((byTestId('token-name') as HTMLInputElement).value).toBe('');
    expect((byTestId('token-password') as HTMLInputElement).value).toBe('');

    click('token-created-close');
    expect(byTestId('token-created-value')).toBeNull();
    expect(el.textContent).not.toContain('cf_ab12_SECRET_VALUE');
    expect(fixture.componentInstance.created()).toBeNull();
    expect(rows()).toHaveLength(1);
  });

  it('copies the new token to the clipboard', async () => {
    http.expectOne('/api/auth/tokens').flush([]);
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    typeInto(byTestId('token-name'), 'CI');
    typeInto(byTestId('token-password'), 'pw');
    click('token-create');
    http
      .expectOne('/api/auth/tokens')
      .flush({ ...makeToken(), token: 'cf_secret' }, { status: 201, statusText: 'Created' });
    fixture.detectChanges();

    await fixture.componentInstance.copy();
    fixture.detectChanges();
    expect(writeText).toHaveBeenCalledWith('cf_secret');
    expect(text(byTestId('token-copy'))).toBe('Copied');
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('requires a name and the current password', () => {
    http.expectOne('/api/auth/tokens').flush([]);
    click('token-create');
    http.expectNone({ method: 'POST', url: '/api/auth/tokens' });
    expect(text(el)).toContain('Name is required.');
    expect(text(el)).toContain('Current password is required.');
  });

  it('shows server messages when creation fails', () => {
    http.expectOne('/api/auth/tokens').flush([]);
    typeInto(byTestId('token-name'), 'CI');
    typeInto(byTestId('token-password'), 'pw');
    click('token-create');
    http
      .expectOne('/api/auth/tokens')
      .flush(
        { statusCode: 400, message: ['name must be shorter', 'expiresInDays must be positive'] },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(byTestId('token-errors')?.querySelectorAll('li')).toHaveLength(2);
    expect(byTestId('token-created')).toBeNull();
  });

  it('deletes a token after confirmation', () => {
    http.expectOne('/api/auth/tokens').flush([makeToken({ id: 't1' }), makeToken({ id: 't2' })]);
    fixture.detectChanges();

    (rows()[0].querySelector('[data-testid="token-delete"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(byTestId('token-delete-dialog')).not.toBeNull();
    http.expectNone({ method: 'DELETE' });

    click('token-delete-cancel');
    expect(byTestId('token-delete-dialog')).toBeNull();

    (rows()[0].querySelector('[data-testid="token-delete"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    click('token-delete-confirm');
    http
      .expectOne({ method: 'DELETE', url: '/api/auth/tokens/t1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();

    expect(byTestId('token-delete-dialog')).toBeNull();
    expect(rows().map((r) => r.getAttribute('data-token-id'))).toEqual(['t2']);
  });
});
