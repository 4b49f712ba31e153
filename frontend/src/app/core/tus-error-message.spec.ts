import type { DetailedError, HttpRequest, HttpResponse } from 'tus-js-client';
import { isFinalRefusal, tusErrorMessage } from './tus-error-message';

function detailed(status: number | null, body = ''): Error {
  const error = new Error('tus: unexpected response') as Error & Partial<DetailedError>;
  error.originalRequest = {} as HttpRequest;
  error.originalResponse =
    status === null
      ? null
      : ({ getStatus: () => status, getBody: () => body } as unknown as HttpResponse);
  return error;
}

describe('tusErrorMessage', () => {
  it("uses the API's message and status", () => {
    const body = JSON.stringify({ statusCode: 415, message: 'Only video and image files' });
    expect(tusErrorMessage(detailed(415, body))).toBe('Only video and image files (HTTP 415)');
  });

  it('joins validation messages', () => {
    const body = JSON.stringify({ statusCode: 400, message: ['bad type', 'bad tags'] });
    expect(tusErrorMessage(detailed(400, body))).toBe('bad type; bad tags (HTTP 400)');
  });

  it('falls back to the status when the body is not the API’s', () => {
    expect(tusErrorMessage(detailed(502, '<html>Bad gateway</html>'))).toBe(
      'The upload was refused (HTTP 502).',
    );
  });

  it('reports a request without a response as the server being unreachable', () => {
    expect(tusErrorMessage(detailed(null))).toContain('Cannot reach the ClippyFront API');
  });

  it('passes other errors through', () => {
    expect(tusErrorMessage(new Error('tus: no file or stream to upload provided'))).toBe(
      'tus: no file or stream to upload provided',
    );
  });
});

describe('isFinalRefusal', () => {
  it.each([400, 403, 413, 415, 422])('HTTP %i refuses the file for good', (status) => {
    expect(isFinalRefusal(detailed(status))).toBe(true);
  });

  it.each([404, 409, 423, 429, 500, 502, 503])('HTTP %i may pass on a retry', (status) => {
    expect(isFinalRefusal(detailed(status))).toBe(false);
  });

  it('leaves network failures and other errors retryable', () => {
    expect(isFinalRefusal(detailed(null))).toBe(false);
    expect(isFinalRefusal(new Error('tus: no file or stream to upload provided'))).toBe(false);
  });
});
