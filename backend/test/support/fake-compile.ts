import {
  API_PATHS,
  type ArtifactReport,
  type CompilationDto,
  type CompileJobResult,
} from '@clippyfront/shared';
import type { clipsClient } from './clips-client.js';
import { FakeWorker } from './fake-worker.js';
import { testMedia } from './test-media.js';

type Client = ReturnType<typeof clipsClient>;

/**
 * A project with one finished compilation, made through the worker protocol by a FakeWorker
 * (no render: the "output" is a generated 2 s clip), so share and export tests run in seconds.
 */
export async function finishedCompilation(
  me: Client,
  worker: FakeWorker,
  projectName: string,
  options: { artifact?: ArtifactReport; projectId?: string; clipUrlTag?: string } = {},
): Promise<{ projectId: string; compilation: CompilationDto; bytes: Buffer }> {
  const projectId = options.projectId ?? (await me.project(projectName));
  const tag = options.clipUrlTag ?? projectId;
  const [clip] = await me.addOk(
    projectId,
    `https://cdn.discordapp.com/attachments/1/2/${tag}.mp4?ex=1&is=2&hm=3`,
  );
  await worker.download(clip!.jobId!, testMedia('small-red.mp4'));
  const timeline = await me.call(API_PATHS.projects.timeline(projectId), {
    method: 'PUT',
    body: { clipIds: [clip!.id] },
  });
  if (timeline.status !== 200) throw new Error(`timeline: ${timeline.status}`);
  const started = await me.call<CompilationDto>(API_PATHS.projects.compile(projectId), {
    body: { resolution: '720p', fps: 30 },
  });
  if (started.status !== 201) throw new Error(`compile: ${started.status}`);
  const jobId = started.body.jobId!;
  const bytes = testMedia('red-1080p60.mp4');
  const token = await worker.claim(jobId);
  const sent = await worker.upload({ jobId, token, filename: 'output.mp4' }, bytes);
  if (!sent.mediaId) throw new Error(`output upload: ${sent.status} ${sent.message}`);
  const result: CompileJobResult = {
    mediaId: sent.mediaId,
    durationSeconds: 2,
    sizeBytes: bytes.length,
    renderSeconds: 1,
    encoder: 'libx264',
    chapters: [
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 1, title: 'Red — tester' },
    ],
    chaptersText: '00:00 Intro\n00:01 Red — tester\n',
    ...(options.artifact && { artifact: options.artifact }),
  };
  const done = await worker.complete(jobId, token, result);
  if (done.status !== 204) throw new Error(`complete: ${done.status}`);
  const { body } = await me.call<CompilationDto>(
    API_PATHS.projects.compilation(projectId, started.body.id),
  );
  return { projectId, compilation: body, bytes };
}
