import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { PublicProjectsController } from './public-projects.controller.js';
import { SharingController } from './sharing.controller.js';
import { SharingRepository } from './sharing.repository.js';
import { SharingService } from './sharing.service.js';

/** Share pages `/p/<publicId>`: the owner's switch and the public, read-only routes. */
@Module({})
export class SharingModule {
  /** Takes the app's media module: the shared video is a media file. */
  static register(mediaModule: DynamicModule): DynamicModule {
    return {
      module: SharingModule,
      imports: [TypeOrmModule.forFeature([ProjectEntity, CompilationEntity]), mediaModule],
      controllers: [SharingController, PublicProjectsController],
      providers: [SharingRepository, SharingService],
    };
  }
}
