import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type ValidatorFn,
} from '@angular/forms';
import {
  DEFAULT_OUTPUT_SETTINGS,
  OUTPUT_FORMATS,
  OUTPUT_FPS,
  OUTPUT_RESOLUTIONS,
  PROJECT_RULES,
  type CreateProjectRequest,
  type OutputFormat,
  type OutputResolution,
  type ProjectDto,
  type ProjectOutputSettings,
} from '@clippyfront/shared';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import { fieldError } from '../../shared/validation';
import { defaultProjectName, FORMAT_LABELS, RESOLUTION_LABELS } from './project-format';

type Fps = ProjectOutputSettings['fps'];

const wholeNumber: ValidatorFn = (control) =>
  control.value == null || control.value === '' || Number.isInteger(Number(control.value))
    ? null
    : { wholeNumber: true };

/**
 * Name, description and output settings of a project. Without `project` it is the creation form
 * (blank fields left out, so the API applies its defaults); with one it edits that project and
 * emits only what changed (`{}` when nothing did).
 */
@Component({
  selector: 'cf-project-form',
  imports: [ReactiveFormsModule, Field, FieldInput, FormErrors],
  templateUrl: './project-form.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectForm {
  readonly project = input<ProjectDto | null>(null);
  readonly busy = input(false);
  readonly errors = input<readonly string[]>([]);
  readonly submitLabel = input('Create project');
  readonly busyLabel = input('Creating…');
  /** Prefix of every test id and element id in the form. */
  readonly testId = input('project-form');

  readonly submitted = output<CreateProjectRequest>();
  readonly cancelled = output<void>();

  readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.maxLength(PROJECT_RULES.nameMaxLength)]],
    description: ['', [Validators.maxLength(PROJECT_RULES.descriptionMaxLength)]],
    resolution: [DEFAULT_OUTPUT_SETTINGS.resolution as OutputResolution],
    format: [DEFAULT_OUTPUT_SETTINGS.format as OutputFormat],
    fps: [DEFAULT_OUTPUT_SETTINGS.fps as Fps],
    maxClipSeconds: [
      DEFAULT_OUTPUT_SETTINGS.maxClipSeconds as number | null,
      [
        Validators.required,
        Validators.min(1),
        Validators.max(PROJECT_RULES.maxClipSecondsLimit),
        wholeNumber,
      ],
    ],
  });

  protected readonly rules = PROJECT_RULES;
  protected readonly resolutions = OUTPUT_RESOLUTIONS.map((value) => ({
    value,
    label: RESOLUTION_LABELS[value],
  }));
  protected readonly formats = OUTPUT_FORMATS.map((value) => ({
    value,
    label: FORMAT_LABELS[value],
  }));
  protected readonly fpsOptions = OUTPUT_FPS;
  protected readonly defaultName = defaultProjectName();
  protected readonly fieldError = fieldError;

  constructor() {
    effect(() => {
      const project = this.project();
      untracked(() => this.fill(project));
    });
  }

  maxClipSecondsError(): string | null {
    const control = this.form.controls.maxClipSeconds;
    if (!control.invalid || !control.touched) return null;
    return `Enter a whole number of seconds from 1 to ${PROJECT_RULES.maxClipSecondsLimit}.`;
  }

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitted.emit(this.request());
  }

  private request(): CreateProjectRequest {
    const value = this.form.getRawValue();
    const name = value.name.trim();
    const description = value.description.trim();
    const output: ProjectOutputSettings = {
      resolution: value.resolution,
      format: value.format,
      fps: Number(value.fps) as Fps,
      maxClipSeconds: Number(value.maxClipSeconds),
    };
    const project = this.project();
    if (!project) {
      const request: CreateProjectRequest = { output };
      if (name) request.name = name;
      if (description) request.description = description;
      return request;
    }
    const changes: CreateProjectRequest = {};
    if (name !== project.name) changes.name = name;
    if (description !== project.description) changes.description = description;
    const outputChanges: Partial<ProjectOutputSettings> = {};
    for (const key of Object.keys(output) as (keyof ProjectOutputSettings)[]) {
      if (output[key] !== project.output[key]) Object.assign(outputChanges, { [key]: output[key] });
    }
    if (Object.keys(outputChanges).length > 0) changes.output = outputChanges;
    return changes;
  }

  private fill(project: ProjectDto | null): void {
    const output = project?.output ?? DEFAULT_OUTPUT_SETTINGS;
    this.form.reset({
      name: project?.name ?? '',
      description: project?.description ?? '',
      resolution: output.resolution,
      format: output.format,
      fps: output.fps,
      maxClipSeconds: output.maxClipSeconds,
    });
  }
}
