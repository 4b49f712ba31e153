import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { COMPILE_ENCODERS, type CompileEncoder, type EncoderStatus } from '@clippyfront/shared';

/** Which encoder compile jobs use where they run, and why (sent by workers, shown in health). */
export class EncoderStatusBody implements EncoderStatus {
  @ApiProperty({ enum: COMPILE_ENCODERS }) @IsIn(COMPILE_ENCODERS) encoder: CompileEncoder;
  @ApiProperty() @IsString() @MaxLength(500) reason: string;
}
