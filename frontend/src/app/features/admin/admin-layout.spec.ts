import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { text } from '../../../testing/fixtures';
import { AdminLayout } from './admin-layout';

@Component({ template: 'page' })
class Page {}

describe('AdminLayout', () => {
  it('links Users and Tiers, marking the open one', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          {
            path: 'admin',
            component: AdminLayout,
            children: [
              { path: 'users', component: Page },
              { path: 'tiers', component: Page },
            ],
          },
        ]),
      ],
    });
    const harness = await RouterTestingHarness.create('/admin/tiers');
    harness.detectChanges();
    const el = harness.fixture.nativeElement as HTMLElement;
    const users = el.querySelector('[data-testid="admin-nav-users"]')!;
    const tiers = el.querySelector('[data-testid="admin-nav-tiers"]')!;
    expect(users.getAttribute('href')).toBe('/admin/users');
    expect(tiers.getAttribute('href')).toBe('/admin/tiers');
    expect(tiers.getAttribute('aria-current')).toBe('page');
    expect(users.getAttribute('aria-current')).toBeNull();
    expect([text(users), text(tiers)]).toEqual(['Users', 'Tiers']);
    expect(tiers.classList.contains('tabs__tab--active')).toBe(true);
    expect(text(el)).toContain('page');
  });
});
