import { HttpXsrfTokenExtractor } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PreviousUpload, UploadOptions } from 'tus-js-client';
import { NgxDropzoneComponent } from 'ngx-dropzone';
import { choose, text } from '../../../testing/fixtures';
import { makeFile } from '../../../testing/media-fixtures';
import { TUS_UPLOAD_FACTORY, type TusUpload } from '../../core/media-upload.service';
import { MediaUploadPanel } from './media-upload-panel';

interface Started {
  file: File;
  options: UploadOptions;
}

/** Drops files on an element the way a browser does (jsdom has no DataTransfer). */
function drop(target: Element, files: File[]): void {
  const event = new Event('drop', { bubbles: true, cancelable: true });
  const fileList = { length: files.length, item: (i: number) => files[i] };
  Object.defineProperty(event, 'dataTransfer', { value: { files: fileList } });
  target.dispatchEvent(event);
}

describe('MediaUploadPanel', () => {
  let fixture: ComponentFixture<MediaUploadPanel>;
  let el: HTMLElement;
  let started: Started[];

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="media-upload-row"]'));
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

  beforeEach(() => {
    started = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: HttpXsrfTokenExtractor, useValue: { getToken: () => null } },
        {
          provide: TUS_UPLOAD_FACTORY,
          useValue: (file: File, options: UploadOptions): TusUpload => ({
            start: () => started.push({ file, options }),
            abort: () => Promise.resolve(),
            findPreviousUploads: () => Promise.resolve([] as PreviousUpload[]),
            resumeFromPreviousUpload: () => undefined,
          }),
        },
      ],
    });
    fixture = TestBed.createComponent(MediaUploadPanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  it('renders ngx-dropzone without its inline styles (the CSP would refuse them)', () => {
    const dropzone = byTestId('media-dropzone') as HTMLElement;
    expect(dropzone.tagName).toBe('NGX-DROPZONE');
    const input = dropzone.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain('video/*,image/*');
    expect(input.getAttribute('aria-label')).toBe('Choose video or image files to upload');
    expect(input.id).toBe('media-upload-file');
    expect(document.querySelectorAll('#media-upload-file')).toHaveLength(1);
    const definition = (NgxDropzoneComponent as unknown as { ɵcmp: { styles: unknown[] } }).ɵcmp;
    expect(definition.styles).toEqual([]);
    const styles = Array.from(document.querySelectorAll('style')).map((s) => s.textContent);
    expect(styles.some((css) => css?.includes('ngx-dz'))).toBe(false);
  });

  it('uploads dropped videos and images with the chosen type and tags, one row each', async () => {
    choose(byTestId('media-upload-type'), 'intro');
    const tagInput = byTestId('media-upload-tags-input') as HTMLInputElement;
    tagInput.value = 'Stream 42';
    tagInput.dispatchEvent(new Event('input'));
    tagInput.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));

    drop(byTestId('media-dropzone') as Element, [
      makeFile('a.mp4', 'video/mp4', 2048),
      makeFile('b.png', 'image/png', 512),
    ]);
    fixture.detectChanges();
    await settle();

    expect(
      rows().map((r) => [r.getAttribute('data-file-name'), r.getAttribute('data-state')]),
    ).toEqual([
      ['a.mp4', 'uploading'],
      ['b.png', 'uploading'],
    ]);
    expect(text(rows()[0])).toContain('2.0 KiB');
    expect(started.map((s) => s.options.metadata)).toEqual([
      { filename: 'a.mp4', filetype: 'video/mp4', type: 'intro', tags: '["stream 42"]' },
      { filename: 'b.png', filetype: 'image/png', tags: '["stream 42"]' },
    ]);

    started[0].options.onProgress?.(1024, 2048);
    fixture.detectChanges();
    expect(
      rows()[0]
        .querySelector('[data-testid="media-upload-progress"]')
        ?.getAttribute('aria-valuenow'),
    ).toBe('50');
    expect(text(rows()[0].querySelector('[data-testid="media-upload-eta"]'))).toBe('estimating…');
    expect(byTestId('media-upload-cancel')).not.toBeNull();
  });

  it('clears the tags once a batch is queued and says so; the next batch has none', async () => {
    const chips = () =>
      Array.from(el.querySelectorAll('[data-testid="media-upload-tags-chip"]')).map(text);
    expect(text(byTestId('media-upload-tags-note'))).toBe(
      'Applied to the files you drop or choose next, then cleared.',
    );
    const tagInput = byTestId('media-upload-tags-input') as HTMLInputElement;
    tagInput.value = 'funny, clutch';
    tagInput.dispatchEvent(new Event('input'));
    tagInput.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    fixture.detectChanges();
    expect(chips()).toHaveLength(2);

    drop(byTestId('media-dropzone') as Element, [
      makeFile('a.mp4', 'video/mp4'),
      makeFile('b.mp4', 'video/mp4'),
    ]);
    fixture.detectChanges();
    await settle();
    expect(started.map((s) => s.options.metadata?.['tags'])).toEqual([
      '["funny","clutch"]',
      '["funny","clutch"]',
    ]);
    expect(chips()).toEqual([]);
    expect(text(byTestId('media-upload-tags-note'))).toBe(
      'Tagged 2 files with “funny”, “clutch”. Tags are cleared for the next uploads.',
    );

    drop(byTestId('media-dropzone') as Element, [makeFile('c.mp4', 'video/mp4')]);
    fixture.detectChanges();
    started.forEach((s) =>
      s.options.onSuccess?.({ lastResponse: { getHeader: () => 'm' } as never }),
    );
    await settle();
    expect(started[2].options.metadata?.['tags']).toBeUndefined();
    expect(text(byTestId('media-upload-tags-note'))).toBe(
      'Applied to the files you drop or choose next, then cleared.',
    );
  });

  it('offers no Retry when the server refused the file for good (415)', async () => {
    drop(byTestId('media-dropzone') as Element, [makeFile('notes.mp4', 'video/mp4')]);
    await settle();
    const error = Object.assign(new Error('tus: unexpected response'), {
      originalRequest: {},
      originalResponse: {
        getStatus: () => 415,
        getBody: () => JSON.stringify({ statusCode: 415, message: 'Only video and image files' }),
      },
    });
    started[0].options.onError?.(error);
    fixture.detectChanges();
    expect(text(byTestId('media-upload-error'))).toBe('Only video and image files (HTTP 415)');
    expect(byTestId('media-upload-retry')).toBeNull();
    expect(byTestId('media-upload-dismiss')).not.toBeNull();
  });

  it('lists dropped files that are not video or image, and uploads none of them', () => {
    drop(byTestId('media-dropzone') as Element, [makeFile('notes.txt', 'text/plain')]);
    fixture.detectChanges();
    expect(text(byTestId('media-upload-rejected'))).toContain(
      'notes.txt: not a video or image file',
    );
    expect(rows()).toEqual([]);
  });

  it('shows a failure with its message, offers a retry, and dismisses it', async () => {
    drop(byTestId('media-dropzone') as Element, [makeFile('bad.mp4', 'video/mp4')]);
    await settle();
    started[0].options.onError?.(new Error('tus: no file or stream to upload provided'));
    fixture.detectChanges();

    expect(rows()[0].getAttribute('data-state')).toBe('error');
    expect(text(byTestId('media-upload-error'))).toBe('tus: no file or stream to upload provided');
    expect(byTestId('media-upload-cancel')).toBeNull();
    (byTestId('media-upload-retry') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(rows()[0].getAttribute('data-state')).toBe('uploading');
    await settle();
    expect(started).toHaveLength(2);

    started[1].options.onSuccess?.({ lastResponse: { getHeader: () => 'm1' } as never });
    fixture.detectChanges();
    expect(text(byTestId('media-upload-state'))).toBe('Done');
    (byTestId('media-upload-clear') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(rows()).toEqual([]);
  });

  it('asks before the page is left while uploads run', async () => {
    drop(byTestId('media-dropzone') as Element, [makeFile('a.mp4', 'video/mp4')]);
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
  });
});
