import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined } from 'class-validator';
import type {
  CompileChapter,
  ProjectSharingDto,
  PublicProjectDto,
  PublicVideoDto,
  UpdateSharingRequest,
} from '@clippyfront/shared';

export class UpdateSharingBody implements UpdateSharingRequest {
  @ApiProperty({ description: 'On: anyone with the link sees the share page' })
  @IsDefined()
  @IsBoolean()
  enabled: boolean;
}

export class ProjectSharingResponse implements ProjectSharingDto {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ example: 'q3Jx0v9TtWm1b7rQy2A4kQ', description: '128 random bits, base64url' })
  publicId: string;
  @ApiProperty({ example: '/p/q3Jx0v9TtWm1b7rQy2A4kQ' }) path: string;
}

class PublicVideoResponse implements PublicVideoDto {
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true }) width: number | null;
  @ApiProperty({ type: Number, nullable: true }) height: number | null;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() streamUrl: string;
  @ApiProperty() downloadUrl: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl: string | null;
}

class PublicChapterResponse implements CompileChapter {
  @ApiProperty() startSeconds: number;
  @ApiProperty() title: string;
}

export class PublicProjectResponse implements PublicProjectDto {
  @ApiProperty() publicId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: PublicVideoResponse, nullable: true }) video: PublicVideoResponse | null;
  @ApiProperty({ type: [PublicChapterResponse] }) chapters: PublicChapterResponse[];
  @ApiProperty() chaptersText: string;
}
