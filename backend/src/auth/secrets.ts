import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** sha256 hex: what the database keeps of a session cookie or API token. */
export const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Personal API tokens are recognisable by their prefix. */
export const API_TOKEN_PREFIX = 'cfp_';
export const newApiToken = () => `${API_TOKEN_PREFIX}${randomSecret()}`;

export function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
