import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { makeUser, text } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import {
  ADMIN_SEARCH_DEBOUNCE_MS,
  ADMIN_USERS_PAGE_SIZE,
  AdminUsersPage,
} from './admin-users-page';

describe('AdminUsersPage', () => {
  let fixture: ComponentFixture<AdminUsersPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="admin-user-row"]'));
  const listUrl = (query = '', offset = 0) =>
    `/api/admin/users?${query}limit=${ADMIN_USERS_PAGE_SIZE}&offset=${offset}`;

  const me = makeUser({ id: 'me', username: 'root', role: 'admin', email: 'root@example.com' });
  const users = [
    me,
    makeUser({
      id: 'u2',
      username: 'bob',
      email: 'bob@example.com',
      displayName: 'Bobby',
      lastLoginAt: '2026-01-02T10:00:00.000Z',
    }),
    makeUser({ id: 'u3', username: 'carol', email: 'carol@example.com', isActive: false }),
  ];

  function create(): void {
    fixture = TestBed.createComponent(AdminUsersPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminUsersPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).setUser(me);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('renders every user with username, email, role, active and last login', () => {
    create();
    http.expectOne(listUrl()).flush({ items: users, total: 3 });
    fixture.detectChanges();

    expect(el.getAttribute('data-testid')).toBe('admin-users');
    expect(rows()).toHaveLength(3);
    expect(rows().map((r) => r.getAttribute('data-username'))).toEqual(['root', 'bob', 'carol']);
    const headers = Array.from(el.querySelectorAll('th')).map((th) => text(th));
    expect(headers.slice(0, 5)).toEqual(['Username', 'Email', 'Role', 'Active', 'Last login']);

    const [root, bob, carol] = rows();
    expect(text(root.querySelector('[data-testid="admin-user-role"]'))).toBe('admin');
    expect(text(root)).toContain('(you)');
    expect(text(bob)).toContain('bob@example.com');
    expect(text(bob)).toContain('Bobby');
    expect(text(bob.querySelector('[data-testid="admin-user-active"]'))).toBe('active');
    expect(bob.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-02T10:00:00.000Z');
    expect(text(carol.querySelector('[data-testid="admin-user-active"]'))).toBe('disabled');
    expect(text(carol)).toContain('Never');
    expect(bob.querySelector('[data-testid="admin-user-edit"]')?.getAttribute('href')).toBe(
      '/admin/users/u2',
    );
    for (const row of rows()) {
      expect(row.querySelector('[data-testid="admin-toggle-active"]')).not.toBeNull();
      expect(row.querySelector('[data-testid="admin-user-edit"]')).not.toBeNull();
    }
    // One's own account cannot be disabled from the list.
    expect(
      (root.querySelector('[data-testid="admin-toggle-active"]') as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(text(el)).toContain('3 users');
  });

  it('searches after the user stops typing, from the first page', () => {
    jest.useFakeTimers();
    create();
    http.expectOne(listUrl()).flush({ items: users, total: 45 });
    fixture.detectChanges();
    (byTestId('admin-page-next') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectOne(listUrl('', 20)).flush({ items: users, total: 45 });

    const box = byTestId('admin-search') as HTMLInputElement;
    for (const value of ['b', 'bo', 'bob ']) {
      box.value = value;
      box.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(ADMIN_SEARCH_DEBOUNCE_MS - 50);
    }
    http.expectNone((r) => r.url === '/api/admin/users');
    jest.advanceTimersByTime(50);
    fixture.detectChanges();
    http.expectOne(listUrl('search=bob&')).flush({ items: [users[1]], total: 1 });
    fixture.detectChanges();
    expect(rows()).toHaveLength(1);
  });

  it('pages through the list', () => {
    create();
    http.expectOne(listUrl()).flush({ items: users, total: 45 });
    fixture.detectChanges();
    expect(text(byTestId('admin-pager'))).toContain('1–3 of 45');
    expect((byTestId('admin-page-previous') as HTMLButtonElement).disabled).toBe(true);
    (byTestId('admin-page-next') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectOne(listUrl('', 20)).flush({ items: users, total: 45 });
  });

  it('disables and enables users from the list', () => {
    create();
    http.expectOne(listUrl()).flush({ items: users, total: 3 });
    fixture.detectChanges();

    const toggle = (row: number) =>
      rows()[row].querySelector('[data-testid="admin-toggle-active"]') as HTMLButtonElement;
    expect(text(toggle(1))).toContain('Disable');
    toggle(1).click();
    const req = http.expectOne({ method: 'PATCH', url: '/api/admin/users/u2' });
    expect(req.request.body).toEqual({ isActive: false });
    req.flush({ ...users[1], isActive: false });
    fixture.detectChanges();
    expect(text(rows()[1].querySelector('[data-testid="admin-user-active"]'))).toBe('disabled');
    expect(text(toggle(1))).toContain('Enable');

    toggle(2).click();
    http
      .expectOne({ method: 'PATCH', url: '/api/admin/users/u3' })
      .flush({ statusCode: 409, message: 'Nope' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text(byTestId('admin-action-error'))).toContain('Could not enable carol: Nope');
  });
});
