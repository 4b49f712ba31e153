import { inject, Injectable, signal } from '@angular/core';
import type { ClipSourcesDto } from '@clippyfront/shared';
import { HealthService } from './health.service';

/**
 * Which clip links the server downloads (`clipSources` of `/api/health`), read once per page
 * load. Null until known, and when the server does not say (it then takes Twitch and Discord).
 */
@Injectable({ providedIn: 'root' })
export class ClipSourcesService {
  private readonly health = inject(HealthService);
  private readonly value = signal<ClipSourcesDto | null>(null);
  private requested = false;

  readonly sources = this.value.asReadonly();

  load(): void {
    if (this.requested) return;
    this.requested = true;
    this.health.get().subscribe({
      next: (answer) => this.value.set(answer.clipSources ?? null),
      // The hint stays the cautious one; the next page load asks again.
      error: () => (this.requested = false),
    });
  }
}
