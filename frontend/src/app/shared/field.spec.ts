import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { text } from '../../testing/fixtures';
import { Field, FieldInput } from './field';

@Component({
  imports: [Field, FieldInput],
  template: `
    <cf-field for="f-name" label="Name" [optional]="optional()" [hint]="hint()" [error]="error()">
      <input cfFieldInput class="input" />
    </cf-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly optional = signal(false);
  readonly hint = signal<string | null>(null);
  readonly error = signal<string | null>(null);
}

describe('Field', () => {
  function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const set = (changes: { optional?: boolean; hint?: string | null; error?: string | null }) => {
      const host = fixture.componentInstance;
      if (changes.optional !== undefined) host.optional.set(changes.optional);
      if (changes.hint !== undefined) host.hint.set(changes.hint);
      if (changes.error !== undefined) host.error.set(changes.error);
      fixture.detectChanges();
    };
    return {
      set,
      field: el.querySelector('cf-field') as HTMLElement,
      label: el.querySelector('label') as HTMLLabelElement,
      input: el.querySelector('input') as HTMLInputElement,
      message: () => el.querySelector('.field__error, .field__hint'),
    };
  }

  it('labels the control by its id', () => {
    const { field, label, input, message } = render();
    expect(field.classList).toContain('field');
    expect(text(label)).toBe('Name');
    expect(label.htmlFor).toBe('f-name');
    expect(input.id).toBe('f-name');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(message()).toBeNull();
  });

  it('marks optional fields', () => {
    const { set, label } = render();
    set({ optional: true });
    expect(text(label)).toBe('Name optional');
    expect(label.querySelector('.field__optional')?.textContent).toBe('optional');
  });

  it('shows the hint, or the problem instead of it', () => {
    const { set, input, message } = render();
    set({ hint: 'Any name.' });
    expect(message()?.className).toBe('field__hint');
    expect(message()?.textContent).toBe('Any name.');
    expect(message()?.id).toBe('f-name-hint');
    expect(input.getAttribute('aria-describedby')).toBe('f-name-hint');

    set({ error: 'Name is too long.' });
    expect(message()?.className).toBe('field__error');
    expect(message()?.textContent).toBe('Name is too long.');
    expect(message()?.id).toBe('f-name-hint');
    expect(message()?.getAttribute('data-testid')).toBe('f-name-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('f-name-hint');
  });

  it('shows a problem without a hint under its own id', () => {
    const { set, input, message } = render();
    set({ error: 'Name is required.' });
    expect(message()?.id).toBe('f-name-error');
    expect(input.getAttribute('aria-describedby')).toBe('f-name-error');
    set({ error: null });
    expect(message()).toBeNull();
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });
});
