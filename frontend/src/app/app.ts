import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Shell } from './layout/shell';

@Component({
  selector: 'cf-root',
  imports: [Shell],
  template: '<cf-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
