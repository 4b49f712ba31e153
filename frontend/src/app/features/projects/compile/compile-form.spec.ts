import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { CompileSettingsDto } from '@clippyfront/shared';
import { choose, text } from '../../../../testing/fixtures';
import { CompileForm } from './compile-form';

const DEFAULTS: CompileSettingsDto = {
  resolution: '1440p',
  fps: 50,
  format: 'mp4',
  quality: 'standard',
};

describe('CompileForm', () => {
  let fixture: ComponentFixture<CompileForm>;
  let el: HTMLElement;
  let started: CompileSettingsDto[];

  const select = (id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLSelectElement;
  const disabled = (id: string) =>
    [...select(id).options].filter((o) => o.disabled).map((o) => o.value);
  const submit = () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  };

  beforeEach(() => {
    fixture = TestBed.createComponent(CompileForm);
    el = fixture.nativeElement as HTMLElement;
    started = [];
    fixture.componentInstance.start.subscribe((settings) => started.push(settings));
    fixture.componentRef.setInput('defaults', DEFAULTS);
  });

  it('offers every choice without caps', () => {
    fixture.detectChanges();
    expect(select('compile-resolution').value).toBe('1440p');
    expect(disabled('compile-resolution')).toEqual([]);
    expect(disabled('compile-fps')).toEqual([]);
    expect(el.querySelector('[data-testid="compile-caps-note"]')).toBeNull();
    submit();
    expect(started).toEqual([DEFAULTS]);
  });

  it('lowers the settings to the caps, disables what is above them and says so', () => {
    fixture.componentRef.setInput('caps', { maxResolution: '720p', maxFps: 25 });
    fixture.detectChanges();
    expect(select('compile-resolution').value).toBe('720p');
    expect(select('compile-fps').value).toBe('25');
    expect(disabled('compile-resolution')).toEqual(['1080p', '1440p', '2160p']);
    expect(disabled('compile-fps')).toEqual(['30', '50', '60']);
    expect(text(el.querySelector('[data-testid="compile-caps-note"]'))).toBe(
      'Your plan allows up to 720p / 25 fps.',
    );
    choose(select('compile-fps'), '24');
    submit();
    expect(started).toEqual([{ ...DEFAULTS, resolution: '720p', fps: 24 }]);
  });

  it('says why it cannot compile and sends nothing', () => {
    fixture.componentRef.setInput('blockedReason', 'Your plan allows 2 clips per project.');
    fixture.detectChanges();
    const button = el.querySelector('[data-testid="compile-start"]') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(text(el.querySelector('[data-testid="compile-blocked"]'))).toBe(
      'Your plan allows 2 clips per project.',
    );
    submit();
    expect(started).toEqual([]);
  });
});
