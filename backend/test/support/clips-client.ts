import {
  API_PATHS,
  type AddClipsResponse,
  type ClipDto,
  type ClipListDto,
  type JobDto,
  type JobListDto,
  type MediaDto,
  type ProjectDto,
  type TierDto,
  type UserDto,
} from '@clippyfront/shared';
import { api, createToken, waitFor, type TestApp } from './test-app.js';

const PASSWORD = 'clips-password-123';
type ErrorBody = { statusCode: number; message: string | string[] };
type Rejected = AddClipsResponse['rejected'];

/** The calls of one user, by token. */
export function clipsClient(app: () => TestApp, token: () => string) {
  const call = <T>(path: string, init: Parameters<typeof api>[2] = {}) =>
    api<T>(app().baseUrl, path, { token: token(), ...init });
  return {
    call,
    project: async (name: string) => {
      const { status, body } = await call<ProjectDto>(API_PATHS.projects.list, { body: { name } });
      if (status !== 201) throw new Error(`project: ${status}`);
      return body.id;
    },
    getProject: (id: string) => call<ProjectDto>(API_PATHS.projects.item(id)),
    deleteProject: (id: string) => call(API_PATHS.projects.item(id), { method: 'DELETE' }),
    add: (projectId: string, urls: unknown) =>
      call<AddClipsResponse & ErrorBody & { rejected: Rejected }>(
        API_PATHS.projects.clips(projectId),
        { body: { urls } },
      ),
    /** Adds URLs that must all be accepted. */
    addOk: async (projectId: string, ...urls: string[]) => {
      const { status, body } = await call<AddClipsResponse>(API_PATHS.projects.clips(projectId), {
        body: { urls },
      });
      if (status !== 201 || body.accepted.length !== urls.length) {
        throw new Error(`add: ${status} ${JSON.stringify(body)}`);
      }
      return body.accepted;
    },
    clips: async (projectId: string) =>
      (await call<ClipListDto>(API_PATHS.projects.clips(projectId))).body.items,
    /** Adds URLs that must all be accepted, and waits until every one is ready. */
    addReady: async (projectId: string, ...urls: string[]): Promise<ClipDto[]> => {
      const { body } = await call<AddClipsResponse>(API_PATHS.projects.clips(projectId), {
        body: { urls },
      });
      if (body.accepted?.length !== urls.length) throw new Error(`add: ${JSON.stringify(body)}`);
      return waitFor('the downloads', async () => {
        const { body: list } = await call<ClipListDto>(API_PATHS.projects.clips(projectId));
        const mine = body.accepted.map((clip) => list.items.find((c) => c.id === clip.id));
        const failed = mine.find((clip) => clip?.state === 'failed');
        if (failed) throw new Error(failed.error ?? 'failed');
        return mine.every((clip) => clip?.state === 'ready') ? (mine as ClipDto[]) : undefined;
      });
    },
    clip: async (projectId: string, clipId: string) => {
      const { body } = await call<ClipListDto>(API_PATHS.projects.clips(projectId));
      return body.items.find((clip) => clip.id === clipId);
    },
    remove: (projectId: string, clipId: string) =>
      call(API_PATHS.projects.clip(projectId, clipId), { method: 'DELETE' }),
    retry: (projectId: string, clipId: string) =>
      call<ClipDto & ErrorBody>(API_PATHS.projects.clipRetry(projectId, clipId), { body: {} }),
    job: async (id: string) => (await call<JobDto>(API_PATHS.job(id))).body,
    jobs: async (kind: string) =>
      (await call<JobListDto>(`${API_PATHS.jobs}?kind=${kind}&limit=200`)).body.items,
    media: (id: string) => call<MediaDto>(API_PATHS.media.item(id)),
    thumbnail: (clipId: string) =>
      fetch(`${app().baseUrl}${API_PATHS.clips.thumbnail(clipId)}`, {
        headers: { authorization: `Bearer ${token()}` },
      }),
  };
}

export async function registerUsers(app: TestApp, ...names: string[]): Promise<string[]> {
  const tokens = [];
  for (const name of names) {
    await api(app.baseUrl, API_PATHS.auth.register, {
      body: { username: name, email: `${name}@example.com`, password: PASSWORD },
    });
    tokens.push(await createToken(app.baseUrl, name, PASSWORD));
  }
  return tokens;
}

/** Gives the users of these tokens the seeded tier `name` (an admin's change, as in the SPA). */
export async function giveTier(app: TestApp, name: string, ...tokens: string[]): Promise<void> {
  const { body: tiers } = await app.api<TierDto[]>(API_PATHS.admin.tiers);
  const tier = tiers.find((candidate) => candidate.name === name);
  if (!tier) throw new Error(`No tier ${name}`);
  for (const token of tokens) {
    const { body: user } = await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token });
    const { status } = await app.api(API_PATHS.admin.user(user.id), {
      method: 'PATCH',
      body: { tierId: tier.id },
    });
    if (status !== 200) throw new Error(`Giving ${user.username} the ${name} tier: ${status}`);
  }
}
