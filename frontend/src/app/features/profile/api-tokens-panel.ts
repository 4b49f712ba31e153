import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { ApiTokenDto, CreateApiTokenRequest, CreatedApiTokenDto } from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { apiErrorMessage, apiErrorMessages } from '../../core/api-error';
import { TokensService } from '../../core/tokens.service';
import { RelativeTimePipe } from '../../shared/format';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import { LoadError } from '../../shared/load-error';
import { fieldError, notBlank } from '../../shared/validation';

/** The API's limit for token names. */
export const TOKEN_NAME_MAX_LENGTH = 64;
/** Lifetimes offered when creating a token; `''` = never expires. */
export const TOKEN_EXPIRY_CHOICES: readonly { value: string; label: string }[] = [
  { value: '', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

/** Without the secret: what the list keeps after the one-time display. */
function withoutSecret(created: CreatedApiTokenDto): ApiTokenDto {
  const { id, name, prefix, createdAt, lastUsedAt, expiresAt } = created;
  return { id, name, prefix, createdAt, lastUsedAt, expiresAt };
}

@Component({
  selector: 'cf-api-tokens-panel',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RelativeTimePipe,
    ConfirmDialog,
    Field,
    FieldInput,
    FormErrors,
    LoadError,
  ],
  templateUrl: './api-tokens-panel.html',
  host: { class: 'card', 'aria-labelledby': 'tokens-title', role: 'region' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiTokensPanel {
  private readonly tokensService = inject(TokensService);

  readonly tokens = signal<ApiTokenDto[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly now = signal(Date.now());

  readonly creating = signal(false);
  readonly createErrors = signal<string[]>([]);
  /** The token just created; its secret is only ever held here, until dismissed. */
  readonly created = signal<CreatedApiTokenDto | null>(null);
  readonly copyState = signal<'idle' | 'copied' | 'failed'>('idle');

  readonly deleting = signal<ApiTokenDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);

  readonly expiryChoices = TOKEN_EXPIRY_CHOICES;
  readonly hasTokens = computed(() => this.tokens().length > 0);

  readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(TOKEN_NAME_MAX_LENGTH)]],
    expiresInDays: [''],
    currentPassword: ['', Validators.required],
  });

  protected readonly fieldError = fieldError;
  private readonly tokenValue = viewChild<ElementRef<HTMLElement>>('tokenValue');
  private request?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.reload();
  }

  reload(): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.request = this.tokensService.list().subscribe({
      next: (tokens) => {
        this.tokens.set(tokens);
        this.now.set(Date.now());
        this.loaded.set(true);
      },
      error: (err: unknown) => this.loadError.set(apiErrorMessage(err)),
    });
  }

  isExpired(token: ApiTokenDto): boolean {
    return token.expiresAt !== null && Date.parse(token.expiresAt) <= this.now();
  }

  create(): void {
    if (this.creating()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, expiresInDays, currentPassword } = this.form.getRawValue();
    const request: CreateApiTokenRequest = { name: name.trim(), currentPassword };
    if (expiresInDays) request.expiresInDays = Number(expiresInDays);
    this.creating.set(true);
    this.createErrors.set([]);
    this.tokensService.create(request).subscribe({
      next: (created) => {
        this.creating.set(false);
        this.created.set(created);
        this.copyState.set('idle');
        this.now.set(Date.now());
        this.tokens.update((list) => [
          withoutSecret(created),
          ...list.filter((t) => t.id !== created.id),
        ]);
        this.form.reset({ name: '', expiresInDays: '', currentPassword: '' });
      },
      error: (err: unknown) => {
        this.creating.set(false);
        this.createErrors.set(apiErrorMessages(err));
      },
    });
  }

  async copy(): Promise<void> {
    const secret = this.created()?.token;
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      this.copyState.set('copied');
    } catch {
      // No clipboard API (plain http on a LAN address): select the text and try the old way.
      this.copyState.set(this.selectAndCopy() ? 'copied' : 'failed');
    }
  }

  /** Forgets the secret for good. */
  dismissCreated(): void {
    this.created.set(null);
    this.copyState.set('idle');
  }

  askDelete(token: ApiTokenDto): void {
    this.deleteError.set(null);
    this.deleting.set(token);
  }

  cancelDelete(): void {
    this.deleting.set(null);
    this.deleteError.set(null);
  }

  confirmDelete(): void {
    const token = this.deleting();
    if (!token || this.deleteBusy()) return;
    this.deleteBusy.set(true);
    this.deleteError.set(null);
    this.tokensService.revoke(token.id).subscribe({
      next: () => {
        this.deleteBusy.set(false);
        this.deleting.set(null);
        this.tokens.update((list) => list.filter((t) => t.id !== token.id));
        if (this.created()?.id === token.id) this.dismissCreated();
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        this.deleteError.set(apiErrorMessage(err));
      },
    });
  }

  private selectAndCopy(): boolean {
    const el = this.tokenValue()?.nativeElement;
    const selection = window.getSelection();
    if (!el || !selection) return false;
    const range = document.createRange();
    range.selectNodeContents(el);
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return typeof document.execCommand === 'function' && document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
