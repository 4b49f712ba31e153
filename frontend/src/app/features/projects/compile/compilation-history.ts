import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { CompilationDto } from '@clippyfront/shared';
import { MediaService } from '../../../core/media.service';
import { formatBytes } from '../../../shared/format';
import { StateBadge } from '../../../shared/state-badge';
import { formatClock } from '../../media/media-format';
import { CompilationsService } from './compilations.service';
import { compileSettingsSummary } from './compile-format';

interface HistoryRow {
  compilation: CompilationDto;
  settings: string;
  /** `0:42 · 12.3 MiB` for a finished one. */
  facts: string | null;
  streamUrl: string | null;
  downloadName: string | null;
  chaptersUrl: string | null;
}

/** The project's earlier compilations, newest first: when, with what, how it ended, the files. */
@Component({
  selector: 'cf-compilation-history',
  imports: [DatePipe, StateBadge],
  templateUrl: './compilation-history.html',
  host: { class: 'compilation-history' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompilationHistory {
  private readonly mediaService = inject(MediaService);
  private readonly compilationsService = inject(CompilationsService);

  readonly projectId = input.required<string>();
  readonly items = input.required<readonly CompilationDto[]>();

  readonly rows = computed<HistoryRow[]>(() =>
    this.items().map((compilation) => {
      const media = compilation.state === 'completed' ? compilation.media : null;
      const duration = formatClock(
        compilation.output?.durationSeconds ?? media?.durationSeconds ?? null,
      );
      return {
        compilation,
        settings: compilation.imported
          ? `Imported from worker ${compilation.imported.workerId}`
          : compileSettingsSummary(compilation.settings),
        facts: media
          ? [duration, formatBytes(compilation.output?.sizeBytes ?? media.sizeBytes)]
              .filter(Boolean)
              .join(' · ')
          : null,
        streamUrl: media ? this.mediaService.streamUrl(media.id) : null,
        downloadName: media?.name ?? null,
        chaptersUrl:
          media && compilation.output
            ? this.compilationsService.chaptersUrl(this.projectId(), compilation.id)
            : null,
      };
    }),
  );
}
