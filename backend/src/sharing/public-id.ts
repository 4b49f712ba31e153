import { randomBytes } from 'node:crypto';
import { PUBLIC_ID_BYTES } from '@clippyfront/shared';

/** A new share-page id: 128 bits from the CSPRNG, base64url (22 characters, URL-safe). */
export function newPublicId(): string {
  return randomBytes(PUBLIC_ID_BYTES).toString('base64url');
}
