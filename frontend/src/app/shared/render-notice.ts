import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RenderReadinessDto } from '@clippyfront/shared';

/**
 * Why compiles cannot run right now (no ffmpeg where jobs run, no worker online) and the command
 * that fixes it. Shows nothing when they can, or when the server does not say.
 */
@Component({
  selector: 'cf-render-notice',
  template: `
    @if (render(); as r) {
      @if (!r.ready) {
        <div class="alert alert--warning" role="status" data-testid="render-notice">
          <strong class="alert__title">Videos cannot be rendered yet</strong>
          <span data-testid="render-notice-reason">{{ r.reason }}</span>
          @if (r.installCommand) {
            <span
              >Install {{ r.missing.join(', ') }} where jobs run:
              <code data-testid="render-install-command">{{ r.installCommand }}</code></span
            >
          }
        </div>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenderNotice {
  /** `render` of `/api/health`; undefined from a server that does not report it. */
  readonly render = input<RenderReadinessDto | null | undefined>(null);
}
