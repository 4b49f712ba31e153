import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AutomationTaskDto } from '@clippyfront/shared';
import { apiErrorMessage } from '../../core/api-error';
import { AutomationService } from '../../core/automation.service';
import { LoadError } from '../../shared/load-error';
import { StateBadge } from '../../shared/state-badge';
import { describeSource, formatWhen } from './automation-format';

/** The user's saved tasks: source, last run and next scheduled time. */
@Component({
  selector: 'cf-task-list-page',
  imports: [RouterLink, LoadError, StateBadge],
  templateUrl: './task-list-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskListPage {
  private readonly automation = inject(AutomationService);

  readonly tasks = signal<AutomationTaskDto[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly describeSource = describeSource;
  readonly formatWhen = formatWhen;

  constructor() {
    this.reload();
  }

  reload(): void {
    this.error.set(null);
    this.automation.tasks().subscribe({
      next: (tasks) => this.tasks.set(tasks),
      error: (err: unknown) => this.error.set(apiErrorMessage(err)),
    });
  }
}
