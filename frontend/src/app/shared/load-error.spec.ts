import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { text } from '../../testing/fixtures';
import { LoadError } from './load-error';

@Component({
  imports: [LoadError],
  template: `
    <cf-load-error
      heading="Could not load things"
      message="Offline"
      (retry)="retries = retries + 1"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  retries = 0;
}

describe('LoadError', () => {
  it('says what failed and why, and offers to try again', () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const alert = (fixture.nativeElement as HTMLElement).querySelector('cf-load-error')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.classList).toContain('alert--error');
    expect(text(alert.querySelector('.alert__title'))).toBe('Could not load things');
    expect(text(alert)).toContain('Offline');
    alert.querySelector('button')!.click();
    expect(fixture.componentInstance.retries).toBe(1);
  });
});
