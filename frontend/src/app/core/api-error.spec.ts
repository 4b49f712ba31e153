import { HttpErrorResponse } from '@angular/common/http';
import { apiErrorMessage, isNotFound } from './api-error';

describe('apiErrorMessage', () => {
  it('explains an unreachable API', () => {
    const err = new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' });
    expect(apiErrorMessage(err)).toMatch(/Cannot reach the ClippyFront API/);
  });

  it('uses the API error body', () => {
    const err = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, message: 'Job is not retryable' },
    });
    expect(apiErrorMessage(err)).toBe('Job is not retryable (HTTP 409)');
  });

  it('joins validation messages', () => {
    const err = new HttpErrorResponse({
      status: 400,
      error: { statusCode: 400, message: ['fps must be positive', 'width too large'] },
    });
    expect(apiErrorMessage(err)).toBe('fps must be positive; width too large (HTTP 400)');
  });

  it('falls back to the HTTP status', () => {
    expect(apiErrorMessage(new HttpErrorResponse({ status: 502, error: '<html>' }))).toMatch(
      /unavailable \(HTTP 502\)/,
    );
    expect(
      apiErrorMessage(new HttpErrorResponse({ status: 418, statusText: 'Teapot', error: null })),
    ).toBe('The API answered with HTTP 418 Teapot.');
    expect(apiErrorMessage(new Error('plain'))).toBe('plain');
  });

  it('recognises 404', () => {
    expect(isNotFound(new HttpErrorResponse({ status: 404 }))).toBe(true);
    expect(isNotFound(new HttpErrorResponse({ status: 500 }))).toBe(false);
  });
});
