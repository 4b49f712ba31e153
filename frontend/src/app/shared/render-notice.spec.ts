import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FFMPEG_INSTALL_COMMAND, type RenderReadinessDto } from '@clippyfront/shared';
import { text } from '../../testing/fixtures';
import { RenderNotice } from './render-notice';

describe('RenderNotice', () => {
  let fixture: ComponentFixture<RenderNotice>;
  const byTestId = (id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(`[data-testid="${id}"]`);

  function show(render: RenderReadinessDto | null | undefined): void {
    fixture = TestBed.createComponent(RenderNotice);
    fixture.componentRef.setInput('render', render);
    fixture.detectChanges();
  }

  it('names what is missing and the command that installs it', () => {
    show({
      ready: false,
      missing: ['ffmpeg'],
      reason: 'ffmpeg/ffprobe are not installed on the server.',
      installCommand: FFMPEG_INSTALL_COMMAND,
    });
    expect(text(byTestId('render-notice-reason'))).toBe(
      'ffmpeg/ffprobe are not installed on the server.',
    );
    expect(text(byTestId('render-install-command'))).toBe('sudo apt-get install -y ffmpeg');
    expect(text(byTestId('render-notice'))).toContain('Install ffmpeg where jobs run');
  });

  it('without anything to install (no worker online): the reason alone', () => {
    show({ ready: false, missing: [], reason: 'No worker is online.', installCommand: null });
    expect(text(byTestId('render-notice-reason'))).toBe('No worker is online.');
    expect(byTestId('render-install-command')).toBeNull();
  });

  it('shows nothing when compiles can run, or when the server does not say', () => {
    for (const render of [
      { ready: true, missing: [], reason: null, installCommand: null },
      undefined,
      null,
    ]) {
      show(render);
      expect(byTestId('render-notice')).toBeNull();
    }
  });
});
