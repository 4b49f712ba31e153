import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { CompilationDto, JobDto } from '@clippyfront/shared';
import { ProgressBar } from '../../../shared/progress-bar';
import { compileStage } from './compile-format';

/** The job log lines shown under the stage, newest last. */
export const COMPILE_LOG_LINES = 12;

/**
 * A compilation that is queued or rendering: its progress, the stage the worker is at (the
 * newest line of the job's log), the last lines of that log, and a Cancel button.
 */
@Component({
  selector: 'cf-compilation-progress',
  imports: [ProgressBar],
  templateUrl: './compilation-progress.html',
  host: { class: 'compilation-progress' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompilationProgress {
  readonly compilation = input.required<CompilationDto>();
  /** The compilation's job as last read (its log); null until then. */
  readonly job = input<JobDto | null>(null);
  readonly cancelling = input(false);

  readonly cancel = output<void>();

  /** The job read for this compilation, if any. */
  private readonly ownJob = computed(() => {
    const job = this.job();
    return job && job.id === this.compilation().jobId ? job : null;
  });
  readonly progress = computed(() => this.ownJob()?.progress ?? this.compilation().progress);
  readonly stage = computed(() => compileStage(this.compilation().state, this.ownJob()?.log));
  readonly log = computed(() => (this.ownJob()?.log ?? []).slice(-COMPILE_LOG_LINES));
}
