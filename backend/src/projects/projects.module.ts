import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectEntity } from './project.entity.js';
import { ProjectsController } from './projects.controller.js';
import { ProjectsRepository } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';

@Module({})
export class ProjectsModule {
  /** Takes the app's clips module: deleting a project lets go of its clips. */
  static register(clipsModule: DynamicModule): DynamicModule {
    return {
      module: ProjectsModule,
      imports: [TypeOrmModule.forFeature([ProjectEntity]), clipsModule],
      controllers: [ProjectsController],
      providers: [ProjectsRepository, ProjectsService],
      exports: [ProjectsService],
    };
  }
}
