import { ApiProperty } from '@nestjs/swagger';

/** Every error the API sends. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'width must not be greater than 3840',
  })
  message: string | string[];
}
