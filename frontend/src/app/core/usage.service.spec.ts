import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UsageDto } from '@clippyfront/shared';
import { makePlanUsage } from '../../testing/tier-fixtures';
import { UsageService } from './usage.service';

describe('UsageService', () => {
  it('reads the caller’s plan and usage', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    let usage: UsageDto | undefined;
    TestBed.inject(UsageService)
      .get()
      .subscribe((value) => (usage = value));
    http.expectOne({ method: 'GET', url: '/api/auth/me/usage' }).flush(makePlanUsage());
    expect(usage?.tier?.name).toBe('Free');
    http.verify();
  });
});
