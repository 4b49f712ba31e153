import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter.js';

function capture(exception: unknown) {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('keeps HttpException status and messages, validation arrays included', () => {
    expect(capture(new NotFoundException('Job x not found'))).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'Job x not found' },
    });
    expect(capture(new BadRequestException(['a must be a number', 'b should not exist']))).toEqual({
      status: 400,
      body: { statusCode: 400, message: ['a must be a number', 'b should not exist'] },
    });
  });

  it('keeps the details an exception carries beside the message, never Nest’s `error` word', () => {
    const rejected = [{ url: 'x', reason: 'invalid-url', message: 'Not a URL' }];
    expect(capture(new BadRequestException({ message: 'None accepted', rejected }))).toEqual({
      status: 400,
      body: { statusCode: 400, message: 'None accepted', rejected },
    });
    expect(capture(new BadRequestException('Plain')).body).toEqual({
      statusCode: 400,
      message: 'Plain',
    });
  });

  it('turns body-parser errors into 400/413 with a readable message', () => {
    expect(capture({ status: 413, type: 'entity.too.large', limit: 1024 })).toEqual({
      status: 413,
      body: { statusCode: 413, message: 'Request body too large (limit 1024 bytes)' },
    });
    expect(capture({ status: 400, type: 'entity.parse.failed' }).body).toEqual({
      statusCode: 400,
      message: 'Malformed JSON in request body',
    });
  });

  it('never shows the details of an unexpected error', () => {
    const sent = capture(new Error('password=hunter2 in a stack'));
    expect(sent).toEqual({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
  });
});
