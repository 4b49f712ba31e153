import { PassportStrategy } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { Strategy } from 'passport-custom';
import { runStrategy } from './run-strategy.js';

/** Two apps' instances of one strategy, registered under the same name like Nest does. */
class TeamStrategy extends PassportStrategy(Strategy, 'team-test') {
  constructor(private readonly team: string) {
    super();
  }

  async validate(request: Request): Promise<{ team: string; who: string } | null> {
    const who = request.headers['x-who'] as string | undefined;
    if (who === 'boom') throw new Error('verify failed');
    await new Promise((resolve) => setImmediate(resolve));
    return who ? { team: this.team, who } : null;
  }
}

const request = (who?: string) => ({ headers: who ? { 'x-who': who } : {} }) as Request;
const response = {} as Response;

describe('runStrategy', () => {
  it('runs the instance it is given, not the last one registered under the name', async () => {
    const first = new TeamStrategy('first app');
    new TeamStrategy('second app'); // now passport's registry holds this one as "team-test"
    await expect(runStrategy(first, request('ann'), response)).resolves.toEqual({
      team: 'first app',
      who: 'ann',
    });
  });

  it('keeps concurrent requests apart, answers undefined on failure, rejects on an error', async () => {
    const strategy = new TeamStrategy('app');
    const answers = await Promise.all(
      ['a', 'b', undefined, 'c'].map((who) => runStrategy(strategy, request(who), response)),
    );
    expect(answers).toEqual([
      { team: 'app', who: 'a' },
      { team: 'app', who: 'b' },
      undefined,
      { team: 'app', who: 'c' },
    ]);
    await expect(runStrategy(strategy, request('boom'), response)).rejects.toThrow('verify failed');
  });
});
