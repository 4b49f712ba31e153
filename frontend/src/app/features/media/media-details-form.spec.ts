import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaDto } from '@clippyfront/shared';
import { choose, text, typeInto } from '../../../testing/fixtures';
import { makeImage, makeMedia } from '../../../testing/media-fixtures';
import { MediaDetailsForm } from './media-details-form';

@Component({
  imports: [MediaDetailsForm],
  template: `<cf-media-details-form [media]="media()" (saved)="saved.push($event)" />`,
})
class Host {
  readonly media = signal<MediaDto>(makeMedia({ id: 'm1', tags: ['funny'] }));
  saved: MediaDto[] = [];
}

describe('MediaDetailsForm', () => {
  let fixture: ComponentFixture<Host>;
  let host: Host;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const save = () => byTestId('media-save') as HTMLButtonElement;
  const options = () =>
    Array.from((byTestId('media-type') as HTMLSelectElement).options).map((o) => o.value);

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    host = fixture.componentInstance;
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('starts from the media and saves only what changed', () => {
    expect((byTestId('media-name') as HTMLInputElement).value).toBe('clip.mp4');
    expect(save().disabled).toBe(true);

    typeInto(byTestId('media-name'), '  Boss fight  ');
    choose(byTestId('media-type'), 'intro');
    fixture.detectChanges();
    expect(save().disabled).toBe(false);
    save().click();

    const req = http.expectOne('/api/media/m1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ name: 'Boss fight', type: 'intro' });
    const updated = makeMedia({ id: 'm1', name: 'Boss fight', type: 'intro', tags: ['funny'] });
    req.flush(updated);
    host.media.set(updated);
    fixture.detectChanges();
    expect(host.saved).toEqual([updated]);
    expect(text(byTestId('media-saved'))).toBe('Saved');
    expect(save().disabled).toBe(true);
  });

  it('saves tags, including one still being typed', () => {
    typeInto(byTestId('media-tags-input'), 'Win');
    fixture.detectChanges();
    expect(save().disabled).toBe(false);
    (byTestId('media-details') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http.expectOne('/api/media/m1').flush(makeMedia({ id: 'm1', tags: ['funny', 'win'] }));
    expect(host.saved[0].tags).toEqual(['funny', 'win']);
  });

  it('offers video types to a video and only image to an image', () => {
    expect(options()).toEqual(['intro', 'clip', 'outro', 'transition', 'compilation']);
    host.media.set(makeImage());
    fixture.detectChanges();
    expect(options()).toEqual(['image']);
    expect((byTestId('media-type') as HTMLSelectElement).disabled).toBe(true);
  });

  it('requires a name', () => {
    typeInto(byTestId('media-name'), '   ');
    fixture.detectChanges();
    expect(text(byTestId('media-name-error'))).toBe('The name is required.');
    expect(save().disabled).toBe(true);
  });

  it('shows the API’s refusal', () => {
    choose(byTestId('media-type'), 'outro');
    fixture.detectChanges();
    save().click();
    http
      .expectOne('/api/media/m1')
      .flush(
        { statusCode: 400, message: 'A video cannot be of type "image"' },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(text(byTestId('media-details-error'))).toBe('A video cannot be of type "image"');
    expect(host.saved).toEqual([]);
  });

  it('keeps what the user typed when the list refreshes the same media', () => {
    typeInto(byTestId('media-name'), 'Typing…');
    host.media.set(makeMedia({ id: 'm1', tags: ['funny'], hasThumbnail: false }));
    fixture.detectChanges();
    expect((byTestId('media-name') as HTMLInputElement).value).toBe('Typing…');

    host.media.set(makeMedia({ id: 'm2', name: 'other.mp4' }));
    fixture.detectChanges();
    expect((byTestId('media-name') as HTMLInputElement).value).toBe('other.mp4');
  });
});
