import { BadRequestException } from '@nestjs/common';
import { ERRORS } from '@tus/server';
import { describeTusError } from './tus-upload.server.js';
import { StorageQuotaExceededException } from './storage-quota.service.js';

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('describeTusError', () => {
  it('keeps the details an HttpException carries, as the API filter does', () => {
    const room = { usedBytes: 10, reservedBytes: 5, limitBytes: 100, remainingBytes: 85 };
    const described = describeTusError(new StorageQuotaExceededException(room, 200));
    expect(described.status_code).toBe(403);
    expect(json(described.body)).toEqual({
      statusCode: 403,
      message:
        'Storage quota exceeded: this needs 200 bytes and 85 of your 100 bytes are left ' +
        '(unfinished uploads hold 5)',
      remainingBytes: 85,
      limitBytes: 100,
    });
  });

  it('answers {statusCode, message} for plain exceptions and tus errors', () => {
    expect(json(describeTusError(new BadRequestException('No')).body)).toEqual({
      statusCode: 400,
      message: 'No',
    });
    expect(json(describeTusError(ERRORS.FILE_NOT_FOUND).body)).toEqual({
      statusCode: 404,
      message: 'Upload not found',
    });
    expect(json(describeTusError(new Error('boom')).body)).toEqual({
      statusCode: 500,
      message: 'Internal server error',
    });
  });
});
