import { loginReasonMessage, safeReturnUrl } from './auth-messages';

describe('safeReturnUrl', () => {
  it.each([
    ['/jobs/abc?x=1', '/jobs/abc?x=1'],
    ['/admin/users', '/admin/users'],
    [undefined, '/projects'],
    ['', '/projects'],
    ['https://evil.example', '/projects'],
    ['//evil.example/x', '/projects'],
    ['/\\evil.example', '/projects'],
    ['javascript:alert(1)', '/projects'],
    ['/login?returnUrl=%2Fjobs', '/projects'],
    ['/register', '/projects'],
    ['/loginx', '/loginx'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});

describe('loginReasonMessage', () => {
  it('only knows fixed reasons', () => {
    expect(loginReasonMessage('password-changed')).toBe('Password changed; log in again');
    expect(loginReasonMessage('toString')).toBeNull();
    expect(loginReasonMessage('anything')).toBeNull();
    expect(loginReasonMessage(undefined)).toBeNull();
  });
});
