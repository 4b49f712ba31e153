import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaType } from '@clippyfront/shared';
import { choose, text } from '../../../testing/fixtures';
import { MediaBulkBar } from './media-bulk-bar';

@Component({
  imports: [MediaBulkBar],
  template: `<cf-media-bulk-bar
    [count]="3"
    [busy]="busy()"
    (typeSet)="events.push(['type', $event])"
    (tagsSet)="events.push(['setTags', $event])"
    (tagsAdded)="events.push(['addTags', $event])"
    (deleteRequested)="events.push(['delete'])"
    (cleared)="events.push(['clear'])"
  />`,
})
class Host {
  readonly busy = signal(false);
  events: (string | MediaType | string[])[][] = [];
}

describe('MediaBulkBar', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const click = (id: string) => {
    (byTestId(id) as HTMLButtonElement).click();
    fixture.detectChanges();
  };
  const typeTag = (value: string) => {
    const input = byTestId('media-bulk-tags-input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  it('says how many are selected and clears the selection', () => {
    expect(text(byTestId('media-selected-count'))).toBe('3 selected');
    click('media-clear-selection');
    expect(fixture.componentInstance.events).toEqual([['clear']]);
  });

  it('sets the chosen type', () => {
    choose(byTestId('media-bulk-type'), 'transition');
    click('media-bulk-set-type');
    expect(fixture.componentInstance.events).toEqual([['type', 'transition']]);
  });

  it('adds or replaces tags, taking a tag still being typed', () => {
    expect((byTestId('media-bulk-add-tags') as HTMLButtonElement).disabled).toBe(true);
    typeTag('Funny');
    expect((byTestId('media-bulk-add-tags') as HTMLButtonElement).disabled).toBe(false);
    click('media-bulk-add-tags');
    click('media-bulk-set-tags');
    expect(fixture.componentInstance.events).toEqual([
      ['addTags', ['funny']],
      ['setTags', ['funny']],
    ]);
  });

  it('does not send an invalid tag', () => {
    typeTag('bad#');
    click('media-bulk-set-tags');
    expect(fixture.componentInstance.events).toEqual([]);
    expect(byTestId('media-bulk-tags-error')).not.toBeNull();
  });

  it('asks for deletion, and disables everything while busy', () => {
    click('media-bulk-delete');
    expect(fixture.componentInstance.events).toEqual([['delete']]);
    fixture.componentInstance.busy.set(true);
    fixture.detectChanges();
    for (const id of ['media-bulk-delete', 'media-bulk-set-type', 'media-bulk-set-tags']) {
      expect((byTestId(id) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
