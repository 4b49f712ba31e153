import type { Request, Response } from 'express';
import passport, { type Strategy } from 'passport';

/**
 * Runs this app's own instance of a passport strategy on a request: the user it found, or
 * undefined when it failed without an error (an error is thrown).
 *
 * Not `@nestjs/passport`'s AuthGuard: that looks the strategy up by name in passport's
 * process-wide registry, where the app created last wins — with two apps in one process (the
 * tests of several API processes) one app would authenticate through the other's database,
 * and through a closed one once that app stops. Like passport does for a named strategy, each
 * request gets its own object made from the instance.
 */
export function runStrategy<T>(
  strategy: Strategy,
  request: Request,
  response: Response,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const done = (error: unknown, user?: T | false) =>
      error ? reject(error as Error) : resolve(user || undefined);
    const authenticate = passport.authenticate(
      Object.create(strategy) as Strategy,
      { session: false },
      done,
    ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
    authenticate(request, response, (error?: unknown) => done(error));
  });
}
