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
import {
  capSettings,
  capsLimitChoices,
  fpsAllowed,
  resolutionAllowed,
  type OutputCaps,
} from './compile-caps';

/**
 * The render settings (resolution, frame rate, format, quality) and the Compile button, which says
 * why when it cannot be pressed. The settings start from `defaults` and follow them when they
 * change (the project's output settings were edited), lowered to the plan's `caps`; choices
 * above the caps are disabled.
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
  /** The plan's highest resolution and frame rate; null: none known. */
  readonly caps = input<OutputCaps | null>(null);

  readonly start = output<CompileSettingsDto>();

  readonly settings = linkedSignal(() => capSettings({ ...this.defaults() }, this.caps()));
  readonly qualityHint = computed(() => COMPILE_QUALITY_HINTS[this.settings().quality]);
  readonly disabled = computed(() => this.busy() || this.blockedReason() !== null);

  readonly resolutions = computed(() =>
    RESOLUTION_OPTIONS.map((option) => ({
      ...option,
      disabled: !resolutionAllowed(option.value, this.caps()),
    })),
  );
  readonly fpsOptions = computed(() =>
    FPS_OPTIONS.map((option) => ({ ...option, disabled: !fpsAllowed(option.value, this.caps()) })),
  );
  /** "Your plan allows up to 1080p / 30 fps" when the caps take choices away. */
  readonly capsNote = computed(() => {
    const caps = this.caps();
    return caps && capsLimitChoices(caps)
      ? `Your plan allows up to ${caps.maxResolution} / ${caps.maxFps} fps.`
      : null;
  });
  protected readonly formats = FORMAT_OPTIONS;
  protected readonly qualities = QUALITY_OPTIONS;

  setResolution(value: string): void {
    if (
      (COMPILE_RESOLUTIONS as readonly string[]).includes(value) &&
      resolutionAllowed(value as CompileResolution, this.caps())
    ) {
      this.settings.update((s) => ({ ...s, resolution: value as CompileResolution }));
    }
  }

  setFps(value: string): void {
    const fps = Number(value);
    if ((COMPILE_FPS as readonly number[]).includes(fps) && fpsAllowed(fps, this.caps())) {
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
