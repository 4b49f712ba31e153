import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClipEntity } from '../clips/clip.entity.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { ArrangementController } from './arrangement.controller.js';
import { ArrangementRepository } from './arrangement.repository.js';
import { ArrangementService } from './arrangement.service.js';
import { TimelineRepository } from './timeline.repository.js';
import { TimelineService } from './timeline.service.js';

/** A project's intro, outro, transitions and timeline (the Arrange step). */
@Module({
  imports: [TypeOrmModule.forFeature([ProjectEntity, ClipEntity, MediaEntity])],
  controllers: [ArrangementController],
  providers: [ArrangementRepository, ArrangementService, TimelineRepository, TimelineService],
  exports: [ArrangementService, TimelineService],
})
export class ArrangementModule {}
