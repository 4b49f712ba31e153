import { Injectable, NotFoundException } from '@nestjs/common';
import {
  API_PATHS,
  sharePagePath,
  type ProjectSharingDto,
  type PublicProjectDto,
} from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import type { CompilationEntity } from '../compilations/compilation.entity.js';
import { toCompilationDto } from '../compilations/compilations.service.js';
import { downloadFileName } from '../compilations/download-name.js';
import type { MediaEntity } from '../media/media.entity.js';
import { MediaService } from '../media/media.service.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { newPublicId } from './public-id.js';
import { SharingRepository } from './sharing.repository.js';

/**
 * The one answer for a share page that cannot be shown — unknown id, an old id, sharing off,
 * nothing rendered yet for the file routes — so a visitor cannot tell these apart.
 */
export const SHARE_NOT_FOUND = 'Not found';
const notFound = () => new NotFoundException(SHARE_NOT_FOUND);

function toSharingDto(project: ProjectEntity): ProjectSharingDto {
  return {
    enabled: project.sharingEnabled,
    publicId: project.publicId,
    path: sharePagePath(project.publicId),
  };
}

export interface SharedFile {
  path: string;
  media: Pick<MediaEntity, 'mimeType' | 'sizeBytes'>;
  fileName: string;
}

/** Share pages: the owner's switch and regenerate, and what visitors may see (no login). */
@Injectable()
export class SharingService {
  constructor(
    private readonly sharing: SharingRepository,
    private readonly media: MediaService,
  ) {}

  async get(projectId: string, scope: OwnerScope): Promise<ProjectSharingDto> {
    return toSharingDto(await this.owned(projectId, scope));
  }

  async setEnabled(
    projectId: string,
    scope: OwnerScope,
    enabled: boolean,
  ): Promise<ProjectSharingDto> {
    const project = await this.owned(projectId, scope);
    await this.sharing.update(project.id, { sharingEnabled: enabled });
    return toSharingDto({ ...project, sharingEnabled: enabled });
  }

  /** A new public id: links with the old one answer 404 from now on. */
  async regenerate(projectId: string, scope: OwnerScope): Promise<ProjectSharingDto> {
    const project = await this.owned(projectId, scope);
    const publicId = newPublicId();
    await this.sharing.update(project.id, { publicId });
    return toSharingDto({ ...project, publicId });
  }

  /** Title, video facts and chapters; nothing about the owner. */
  async publicProject(publicId: string, viewer: AuthUser | undefined): Promise<PublicProjectDto> {
    const project = await this.visible(publicId, viewer);
    const compilation = await this.sharing.latestFinished(project.id);
    const media = compilation?.media ?? null;
    const output = compilation ? toCompilationDto(compilation).output : null;
    return {
      publicId: project.publicId,
      title: project.name,
      video: media && {
        durationSeconds: output?.durationSeconds ?? media.durationSeconds,
        width: media.width,
        height: media.height,
        mimeType: media.mimeType,
        sizeBytes: media.sizeBytes,
        streamUrl: API_PATHS.public.video(project.publicId),
        downloadUrl: API_PATHS.public.download(project.publicId),
        thumbnailUrl: media.thumbnailPath ? API_PATHS.public.thumbnail(project.publicId) : null,
      },
      chapters: output?.chapters ?? [],
      chaptersText: output?.chaptersText ?? '',
    };
  }

  /** The shared video's file (for streaming and the download). */
  async video(publicId: string, viewer: AuthUser | undefined): Promise<SharedFile> {
    const { project, compilation } = await this.shared(publicId, viewer);
    const media = compilation.media!;
    return {
      path: this.media.runtimePath(media),
      media,
      fileName: downloadFileName(project.name, compilation),
    };
  }

  async thumbnail(publicId: string, viewer: AuthUser | undefined): Promise<SharedFile> {
    const { project, compilation } = await this.shared(publicId, viewer);
    const path = this.media.thumbnailPath(compilation.media!);
    if (!path) throw notFound();
    return {
      path,
      media: { mimeType: 'image/jpeg', sizeBytes: 0 },
      fileName: `${downloadFileName(project.name, compilation).replace(/\.[^.]+$/, '')}.jpg`,
    };
  }

  private async shared(
    publicId: string,
    viewer: AuthUser | undefined,
  ): Promise<{ project: ProjectEntity; compilation: CompilationEntity }> {
    const project = await this.visible(publicId, viewer);
    const compilation = await this.sharing.latestFinished(project.id);
    if (!compilation?.media) throw notFound();
    return { project, compilation };
  }

  /** Sharing on, or the owner looking: else the same 404 as for an id that never existed. */
  private async visible(publicId: string, viewer: AuthUser | undefined): Promise<ProjectEntity> {
    const project = await this.sharing.findByPublicId(publicId.slice(0, 64));
    if (!project) throw notFound();
    if (!project.sharingEnabled && viewer?.id !== project.ownerId) throw notFound();
    return project;
  }

  private async owned(id: string, scope: OwnerScope): Promise<ProjectEntity> {
    return notFoundUnlessOwned(await this.sharing.findById(id), scope, 'Project');
  }
}
