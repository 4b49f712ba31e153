import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { makeImage, makeMedia } from '../../../testing/media-fixtures';
import { MediaCard } from './media-card';

@Component({
  imports: [MediaCard],
  template: `<cf-media-card
    [media]="media()"
    [selected]="selected()"
    [thumbnailPending]="pending()"
    (selectedChange)="selections.push($event)"
    (opened)="opened = opened + 1"
  />`,
})
class Host {
  readonly media = signal<MediaDto>(makeMedia({ tags: ['funny', 'boss'] }));
  readonly selected = signal(false);
  readonly pending = signal(false);
  selections: boolean[] = [];
  opened = 0;
}

describe('MediaCard', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let el: HTMLElement;

  const card = () => el.querySelector('[data-testid="media-card"]') as HTMLElement;
  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  it('shows the lazy thumbnail, name, type badge, facts and tags; its border follows the type', () => {
    const img = byTestId('media-thumbnail') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(`/api/media/${host.media().id}/thumbnail`);
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(text(byTestId('media-card-name'))).toBe('clip.mp4');
    expect(text(byTestId('media-type-badge'))).toBe('Clip');
    expect(text(byTestId('media-card-meta'))).toBe('1:23 · 1920×1080 · 1.5 MiB');
    expect(Array.from(el.querySelectorAll('[data-testid="media-card-tag"]')).map(text)).toEqual([
      'funny',
      'boss',
    ]);
    expect(card().classList).toContain('media-card--clip');
    expect(card().getAttribute('data-media-id')).toBe(host.media().id);

    host.media.set(makeImage());
    fixture.detectChanges();
    expect(card().classList).toContain('media-card--image');
    expect(card().classList).not.toContain('media-card--clip');
  });

  it('shows a placeholder until the thumbnail exists', () => {
    host.media.set(makeMedia({ hasThumbnail: false }));
    host.pending.set(true);
    fixture.detectChanges();
    expect(byTestId('media-thumbnail')).toBeNull();
    expect(text(byTestId('media-thumbnail-placeholder'))).toContain('Making a thumbnail');

    host.pending.set(false);
    fixture.detectChanges();
    expect(text(byTestId('media-thumbnail-placeholder'))).toContain('No thumbnail');

    host.media.set(makeMedia({ hasThumbnail: true }));
    fixture.detectChanges();
    expect(byTestId('media-thumbnail')).not.toBeNull();
  });

  it('falls back to the placeholder when the thumbnail does not load', () => {
    byTestId('media-thumbnail')?.dispatchEvent(new Event('error'));
    fixture.detectChanges();
    expect(byTestId('media-thumbnail')).toBeNull();
    expect(byTestId('media-thumbnail-placeholder')).not.toBeNull();
  });

  it('reports selection and opening', () => {
    const box = byTestId('media-select') as HTMLInputElement;
    expect(box.checked).toBe(false);
    box.click();
    expect(host.selections).toEqual([true]);
    host.selected.set(true);
    fixture.detectChanges();
    expect(card().classList).toContain('media-card--selected');

    (byTestId('media-open') as HTMLButtonElement).click();
    expect(host.opened).toBe(1);
    expect(text(byTestId('media-open'))).toContain('Preview and edit clip.mp4');
  });
});
