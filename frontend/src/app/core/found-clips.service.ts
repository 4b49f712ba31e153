import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  API_PATHS,
  type DiscordClipsPage,
  type DiscordMessagesQuery,
  type TwitchClipsPage,
  type TwitchClipsQuery,
} from '@clippyfront/shared';
import type { Observable } from 'rxjs';

/** Query parameters of the given (non-empty) fields. */
function params(query: object): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '')
      result = result.set(key, String(value));
  }
  return result;
}

/** Clips found at a source (Fetch from Twitch / Discord in the Clips step). */
@Injectable({ providedIn: 'root' })
export class FoundClipsService {
  private readonly http = inject(HttpClient);

  twitch(query: TwitchClipsQuery): Observable<TwitchClipsPage> {
    return this.http.get<TwitchClipsPage>(API_PATHS.clipSources.twitchClips, {
      params: params(query),
    });
  }

  discord(query: DiscordMessagesQuery): Observable<DiscordClipsPage> {
    return this.http.get<DiscordClipsPage>(API_PATHS.clipSources.discordMessages, {
      params: params(query),
    });
  }
}
