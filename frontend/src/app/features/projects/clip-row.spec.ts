import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ClipDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { makeClip, makeQueuedClip } from '../../../testing/project-fixtures';
import { ClipRow, type ClipAction } from './clip-row';

@Component({
  imports: [ClipRow],
  template: `<cf-clip-row
    [clip]="clip()"
    [busy]="busy()"
    [thumbnailPending]="pending()"
    (retry)="events.push('retry')"
    (remove)="events.push('remove')"
  />`,
})
class Host {
  readonly clip = signal<ClipDto>(makeClip());
  readonly busy = signal<ClipAction | null>(null);
  readonly pending = signal(false);
  events: string[] = [];
}

describe('ClipRow', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let el: HTMLElement;

  const row = () => el.querySelector('[data-testid="clip-row"]') as HTMLElement;
  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const show = (clip: ClipDto) => {
    host.clip.set(clip);
    fixture.detectChanges();
  };

  beforeEach(() => {
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  it('shows a ready clip: thumbnail, title, creator with avatar, game, duration, views, source', () => {
    expect(row().getAttribute('data-state')).toBe('ready');
    expect(row().getAttribute('data-source')).toBe('twitch');
    expect(byTestId('clip-thumbnail')?.getAttribute('src')).toBe('/api/clips/c1/thumbnail');
    expect(text(byTestId('clip-title'))).toBe('Insane clutch');
    expect(byTestId('clip-title')?.getAttribute('href')).toBe('https://clips.twitch.tv/FunnySlug');
    expect(byTestId('clip-title')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(byTestId('clip-creator'))).toBe('clipper42');
    expect(byTestId('clip-avatar')?.getAttribute('src')).toBe('/api/clips/c1/avatar');
    expect(text(byTestId('clip-game'))).toBe('Counter-Strike 2');
    expect(text(byTestId('clip-duration'))).toBe('0:28');
    expect(text(byTestId('clip-views'))).toBe('1,234 views');
    expect(text(byTestId('clip-source'))).toBe('Twitch');
    expect(text(byTestId('clip-state'))).toBe('Ready');
    expect(byTestId('clip-progress')).toBeNull();
    expect(byTestId('clip-error')).toBeNull();
    expect(byTestId('clip-reused')).toBeNull();
    expect(byTestId('clip-retry')).toBeNull();
    expect(byTestId('clip-remove')).not.toBeNull();
  });

  it('shows the URL while the metadata is unknown, and no avatar or thumbnail', () => {
    show(
      makeQueuedClip({
        sourceUrl: 'https://files.test/a.mp4',
        source: 'external',
        hasAvatar: false,
      }),
    );
    expect(text(byTestId('clip-title'))).toBe('https://files.test/a.mp4');
    expect(byTestId('clip-title')?.classList).toContain('clip-row__title--url');
    expect(text(byTestId('clip-source'))).toBe('External');
    expect(text(byTestId('clip-state'))).toBe('Queued');
    expect(text(byTestId('clip-thumbnail-placeholder'))).toBe('Waiting to download…');
    expect(byTestId('clip-thumbnail')).toBeNull();
    expect(byTestId('clip-creator')).toBeNull();
    expect(byTestId('clip-duration')).toBeNull();
    expect(byTestId('clip-views')).toBeNull();
  });

  it('shows a progress bar while downloading', () => {
    show(makeQueuedClip({ state: 'downloading', progress: 42.4 }));
    expect(text(byTestId('clip-state'))).toBe('Downloading');
    const progress = byTestId('clip-progress');
    expect(progress?.getAttribute('aria-valuenow')).toBe('42');
    expect(text(progress)).toBe('42%');
    expect(byTestId('clip-retry')).toBeNull();
  });

  it('shows the error of a failed clip and offers Retry', () => {
    show(makeQueuedClip({ state: 'failed', error: 'The server answered 404 Not Found.' }));
    expect(row().classList).toContain('clip-row--failed');
    expect(text(byTestId('clip-state'))).toBe('Failed');
    expect(text(byTestId('clip-error'))).toBe('The server answered 404 Not Found.');
    (byTestId('clip-retry') as HTMLButtonElement).click();
    (byTestId('clip-remove') as HTMLButtonElement).click();
    expect(host.events).toEqual(['retry', 'remove']);
  });

  it('marks a reused clip', () => {
    show(makeClip({ reused: true }));
    expect(text(byTestId('clip-reused'))).toBe('Reused');
  });

  it('disables the buttons and says what runs while an action is in flight', () => {
    show(makeQueuedClip({ state: 'failed', error: 'x' }));
    host.busy.set('retry');
    fixture.detectChanges();
    const retry = byTestId('clip-retry') as HTMLButtonElement;
    expect(retry.disabled).toBe(true);
    expect(text(retry)).toContain('Retrying…');
    expect((byTestId('clip-remove') as HTMLButtonElement).disabled).toBe(true);
    expect(row().getAttribute('aria-busy')).toBe('true');
  });

  it('says when a ready clip is still waiting for its thumbnail', () => {
    show(makeClip({ hasThumbnail: false }));
    expect(text(byTestId('clip-thumbnail-placeholder'))).toBe('No thumbnail');
    host.pending.set(true);
    fixture.detectChanges();
    expect(text(byTestId('clip-thumbnail-placeholder'))).toBe('Making a thumbnail…');
  });

  it('falls back to the placeholder when the thumbnail does not load', () => {
    byTestId('clip-thumbnail')?.dispatchEvent(new Event('error'));
    fixture.detectChanges();
    expect(byTestId('clip-thumbnail')).toBeNull();
    expect(byTestId('clip-thumbnail-placeholder')).not.toBeNull();
  });
});
