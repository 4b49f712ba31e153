import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import {
  COMPILE_FORMATS,
  COMPILE_FPS,
  COMPILE_QUALITIES,
  COMPILE_RESOLUTIONS,
  type CompileFormat,
  type CompileFps,
  type CompileQuality,
  type CompileResolution,
  type CompileSettingsDto,
} from '@clippyfront/shared';
import {
  COMPILE_QUALITY_HINTS,
  FORMAT_OPTIONS,
  FPS_OPTIONS,
  QUALITY_OPTIONS,
  RESOLUTION_OPTIONS,
} from './compile-format';

/**
 * The render settings (resolution, frame rate, format, quality) and the Compile button, which says
 * why when it cannot be pressed. The settings start from `defaults` and follow them when they
 * change (the project's output settings were edited).
 */
@Component({
  selector: 'cf-compile-form',
  templateUrl: './compile-form.html',
  host: { class: 'compile-form' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompileForm {
  readonly defaults = input.required<CompileSettingsDto>();
  /** Why a compile cannot start now; null when it can. */
  readonly blockedReason = input<string | null>(null);
  /** The start request is on its way. */
  readonly busy = input(false);

  readonly start = output<CompileSettingsDto>();

  readonly settings = linkedSignal(() => ({ ...this.defaults() }));
  readonly qualityHint = computed(() => COMPILE_QUALITY_HINTS[this.settings().quality]);
  readonly disabled = computed(() => this.busy() || this.blockedReason() !== null);

  protected readonly resolutions = RESOLUTION_OPTIONS;
  protected readonly fpsOptions = FPS_OPTIONS;
  protected readonly formats = FORMAT_OPTIONS;
  protected readonly qualities = QUALITY_OPTIONS;

  setResolution(value: string): void {
    if ((COMPILE_RESOLUTIONS as readonly string[]).includes(value)) {
      this.settings.update((s) => ({ ...s, resolution: value as CompileResolution }));
    }
  }

  setFps(value: string): void {
    const fps = Number(value);
    if ((COMPILE_FPS as readonly number[]).includes(fps)) {
      this.settings.update((s) => ({ ...s, fps: fps as CompileFps }));
    }
  }

  setFormat(value: string): void {
    if ((COMPILE_FORMATS as readonly string[]).includes(value)) {
      this.settings.update((s) => ({ ...s, format: value as CompileFormat }));
    }
  }

  setQuality(value: string): void {
    if ((COMPILE_QUALITIES as readonly string[]).includes(value)) {
      this.settings.update((s) => ({ ...s, quality: value as CompileQuality }));
    }
  }

  submit(event: Event): void {
    event.preventDefault();
    if (this.disabled()) return;
    this.start.emit({ ...this.settings() });
  }
}
