import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { makeImage, makeMedia } from '../../../testing/media-fixtures';
import { MediaPreviewDialog } from './media-preview-dialog';
import { VIDEOJS_LOADER } from './video-js-loader';

@Component({
  imports: [MediaPreviewDialog],
  template: `<button type="button" id="opener">open</button>
    @if (media(); as m) {
      <cf-media-preview-dialog [media]="m" (closed)="media.set(null)" />
    }`,
})
class Host {
  readonly media = signal<MediaDto | null>(null);
}

describe('MediaPreviewDialog', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  function open(media: MediaDto): void {
    (el.querySelector('#opener') as HTMLButtonElement).focus();
    fixture.componentInstance.media.set(media);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        // The player itself is covered by video-player.spec; here it never finishes loading.
        { provide: VIDEOJS_LOADER, useValue: () => new Promise(() => undefined) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    document.body.append(el);
    fixture.detectChanges();
  });

  afterEach(() => {
    el.remove();
    http.verify();
  });

  it('is a labelled modal <dialog> with the video player, facts and the details form', () => {
    open(makeMedia({ name: 'Boss fight' }));
    const dialog = byTestId('media-preview') as HTMLElement;
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Boss fight',
    );
    expect(el.querySelector('cf-video-player')).not.toBeNull();
    expect(text(byTestId('media-preview-facts'))).toContain('h264 · aac · 30 fps · video/mp4');
    expect(byTestId('media-details')).not.toBeNull();
  });

  it('shows an image as an image', () => {
    open(makeImage());
    const img = byTestId('media-preview-image') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(`/api/media/${makeImage().id}/stream`);
    expect(img.alt).toBe('logo.png');
    expect(el.querySelector('cf-video-player')).toBeNull();
  });

  it('closes with Esc, the Close button or a click on the backdrop; focus goes back', async () => {
    open(makeImage());
    await fixture.whenStable();
    // Esc on a modal <dialog>: the browser fires `cancel`.
    const cancel = new Event('cancel', { cancelable: true });
    byTestId('media-preview')?.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    fixture.detectChanges();
    expect(byTestId('media-preview')).toBeNull();
    expect(document.activeElement?.id).toBe('opener');

    open(makeImage());
    (byTestId('media-preview-close') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(byTestId('media-preview')).toBeNull();

    open(makeImage());
    (byTestId('media-preview-facts') as HTMLElement).click();
    fixture.detectChanges();
    expect(byTestId('media-preview')).not.toBeNull();
    (byTestId('media-preview') as HTMLElement).click();
    fixture.detectChanges();
    expect(byTestId('media-preview')).toBeNull();
  });
});
