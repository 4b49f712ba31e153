import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthService } from '../../core/auth.service';
import { ApiTokensPanel } from './api-tokens-panel';
import { ChangePasswordForm } from './change-password-form';
import { PlanPanel } from './plan-panel';
import { ProfileDetailsForm } from './profile-details-form';
import { ThemeChoicePanel } from './theme-choice-panel';

@Component({
  selector: 'cf-profile-page',
  imports: [ApiTokensPanel, ChangePasswordForm, PlanPanel, ProfileDetailsForm, ThemeChoicePanel],
  template: `
    <header class="page-header">
      <div>
        <h1 class="page-title">Profile</h1>
        @if (user(); as u) {
          <p class="page-subtitle">
            Logged in as <strong>{{ u.username }}</strong>
            <span class="role-badge role-badge--{{ u.role }}">{{ u.role }}</span>
          </p>
        }
      </div>
    </header>
    <div class="detail-grid">
      <cf-profile-details-form />
      <cf-change-password-form />
    </div>
    <cf-plan-panel />
    <cf-theme-choice-panel />
    <cf-api-tokens-panel />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  protected readonly user = inject(AuthService).user;
}
