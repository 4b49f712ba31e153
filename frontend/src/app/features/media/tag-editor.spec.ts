import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { text } from '../../../testing/fixtures';
import { TagEditor } from './tag-editor';

@Component({
  imports: [TagEditor],
  template: `<cf-tag-editor testId="t" [(tags)]="tags" />`,
})
class Host {
  readonly tags = signal<readonly string[]>(['funny']);
}

describe('TagEditor', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const input = () => byTestId('t-input') as HTMLInputElement;
  const chips = () =>
    Array.from(el.querySelectorAll('[data-testid="t-chip"] .chip__text')).map((c) => text(c));

  function type(value: string): void {
    input().value = value;
    input().dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  function press(key: string): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, cancelable: true });
    input().dispatchEvent(event);
    fixture.detectChanges();
    return event;
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  it('shows the tags as chips with a labelled remove button', () => {
    expect(chips()).toEqual(['funny']);
    expect(text(byTestId('t-remove'))).toBe('×Remove tag funny');
    expect(el.querySelector('label')?.getAttribute('for')).toBe(input().id);
  });

  it('adds tags with Enter (normalized), without submitting a form', () => {
    type(' Boss Fight ');
    const enter = press('Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(fixture.componentInstance.tags()).toEqual(['funny', 'boss fight']);
    expect(input().value).toBe('');
  });

  it('adds what was typed when the field is left', () => {
    type('later');
    input().dispatchEvent(new Event('blur'));
    fixture.detectChanges();
    expect(fixture.componentInstance.tags()).toEqual(['funny', 'later']);
  });

  it('refuses an invalid tag and says why', () => {
    type('no#way');
    press('Enter');
    expect(fixture.componentInstance.tags()).toEqual(['funny']);
    expect(text(byTestId('t-error'))).toContain('“no#way” is not a valid tag');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    type('no#wa');
    expect(byTestId('t-error')).toBeNull();
  });

  it('removes a tag with its button, and the last one with Backspace in an empty field', () => {
    fixture.componentInstance.tags.set(['a', 'b', 'c']);
    fixture.detectChanges();
    (el.querySelector('[data-testid="t-remove"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(fixture.componentInstance.tags()).toEqual(['b', 'c']);
    press('Backspace');
    expect(fixture.componentInstance.tags()).toEqual(['b']);
  });
});
