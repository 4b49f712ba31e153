import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeToken } from '../../testing/fixtures';
import { TokensService } from './tokens.service';

describe('TokensService', () => {
  let service: TokensService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(TokensService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists, creates and revokes tokens', () => {
    service.list().subscribe();
    http.expectOne({ method: 'GET', url: '/api/auth/tokens' }).flush([makeToken()]);

    service.create({ name: 'CI', expiresInDays: 30 }).subscribe();
    const create = http.expectOne({ method: 'POST', url: '/api/auth/tokens' });
    expect(create.request.body).toEqual({ name: 'CI', expiresInDays: 30 });
    create.flush({ ...makeToken(), token: 'cf_secret' });

    let revoked = false;
    service.revoke('t/1').subscribe(() => (revoked = true));
    http
      .expectOne({ method: 'DELETE', url: '/api/auth/tokens/t%2F1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    expect(revoked).toBe(true);
  });
});
