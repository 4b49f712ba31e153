import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id. Unknown users are checked against a dummy hash so timing reveals nothing. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    this.dummy ??= this.hash('not-a-real-password-just-for-timing');
    try {
      return await argon2.verify(hash ?? (await this.dummy), password).then((ok) => ok && !!hash);
    } catch {
      return false;
    }
  }
}
