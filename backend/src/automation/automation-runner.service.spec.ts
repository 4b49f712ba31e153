import { ForbiddenException, ServiceUnavailableException } from '@nestjs/common';
import { describeFailure } from './automation-runner.service.js';
import { RunFailure } from './run-stages.service.js';

describe('describeFailure', () => {
  it('keeps a refusal’s numbers and status', () => {
    const quota = new ForbiddenException({
      message: 'Not enough render time left this month',
      remainingSeconds: 12,
      limitSeconds: 1800,
      estimatedSeconds: 40,
    });
    expect(describeFailure(quota)).toBe(
      'Not enough render time left this month (remainingSeconds: 12, limitSeconds: 1800, ' +
        'estimatedSeconds: 40) [403]',
    );
  });

  it('says what a plain refusal says', () => {
    expect(describeFailure(new ServiceUnavailableException('Set TWITCH_CLIENT_ID'))).toBe(
      'Set TWITCH_CLIENT_ID [503]',
    );
    expect(describeFailure(new RunFailure('The source found no clips'))).toBe(
      'The source found no clips',
    );
    expect(describeFailure(new Error('connection reset'))).toBe(
      'Unexpected error: connection reset',
    );
  });
});
