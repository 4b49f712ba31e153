// Compile pipeline benchmark (issue 6). Prints figures; asserts nothing.
//   npm run build && npm run bench:compile   [BENCH_ROUNDS=3]
// The standard case: 8 generated clips of 10 s (four 1920x1080@60, four 1280x720@30; one
// without audio, one mono 44.1 kHz), 2 transitions of 2 s, the 0.5 s static bumper, 3 s intro and
// outro — 33 segments, 108 s — into 1280x720@30 with libx264 veryfast CRF 23 (also with the
// watermark: WATERMARK_TEXT, and a WATERMARK_PATH image, on every clip). Compared with the
// floor measured in the same run: one plain encode of the same number of output frames with the
// same settings (and the same AAC audio). Cold = empty asset cache; warm = the assets cached.
// The clips are H.264 High like Twitch clips (x264 veryfast, 6 Mb/s at 1080p60, 3 Mb/s at 720p30);
// "clip decoding" shows what decoding them costs, work the floor does not include.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'worker/dist/compile/index.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const OUTPUT = { width: 1280, height: 720, fps: 30, crf: 23, x264Preset: 'veryfast' };
const work = mkdtempSync(join(tmpdir(), 'clippyfront-bench-compile-'));
const media = join(work, 'media');
mkdirSync(media);

/** A source like a downloaded clip: testsrc2 (hue-shifted), H.264 High at a Twitch-like rate. */
async function makeSource(name, { size, fps, seconds, hue, audio, kbps }) {
  const file = join(media, `${name}.mp4`);
  const args = ['-v', 'error', '-y', '-f', 'lavfi'];
  args.push('-i', `testsrc2=s=${size}:r=${fps}:d=${seconds},hue=h=${hue}`);
  if (audio) {
    args.push(
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${220 + hue}:sample_rate=${audio.rate}:d=${seconds}`,
    );
    args.push('-ac', String(audio.channels), '-c:a', 'aac', '-b:a', '160k');
  }
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-b:v', `${kbps}k`);
  args.push('-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`, '-pix_fmt', 'yuv420p', file);
  await run('ffmpeg', args);
  return file;
}

async function makeSources() {
  const stereo = { channels: 2, rate: 48000 };
  const specs = [];
  for (let i = 0; i < 8; i++) {
    const big = i % 2 === 0;
    const audio = i === 3 ? null : i === 5 ? { channels: 1, rate: 44100 } : stereo;
    specs.push([
      `clip${i}`,
      big
        ? { size: '1920x1080', fps: 60, seconds: 10, hue: i * 40, audio, kbps: 6000 }
        : { size: '1280x720', fps: 30, seconds: 10, hue: i * 40, audio, kbps: 3000 },
    ]);
  }
  specs.push([
    'intro',
    { size: '1920x1080', fps: 30, seconds: 3, hue: 90, audio: stereo, kbps: 6000 },
  ]);
  specs.push([
    'outro',
    { size: '1920x1080', fps: 30, seconds: 3, hue: 180, audio: stereo, kbps: 6000 },
  ]);
  specs.push([
    'swipe',
    { size: '1280x720', fps: 30, seconds: 2, hue: 270, audio: stereo, kbps: 3000 },
  ]);
  specs.push([
    'zoom',
    { size: '1280x720', fps: 30, seconds: 2, hue: 300, audio: stereo, kbps: 3000 },
  ]);
  const files = new Map();
  await run(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x6441a5:s=300x300'].concat([
      '-frames:v',
      '1',
      join(media, 'avatar.png'),
    ]),
  );
  files.set('avatar', join(media, 'avatar.png'));
  // A logo with transparency, like a WATERMARK_PATH image.
  await run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white@0.0:s=400x120,format=rgba'],
    ...['-vf', 'drawbox=x=10:y=10:w=380:h=100:color=white@1:t=fill', '-frames:v', '1'],
    join(media, 'mark.png'),
  ]);
  files.set('mark', join(media, 'mark.png'));
  // Two at a time: enough to keep 2 cores busy without thrashing bigger machines' memory.
  for (let i = 0; i < specs.length; i += 2) {
    const batch = specs.slice(i, i + 2);
    await Promise.all(
      batch.map(async ([name, spec]) => files.set(name, await makeSource(name, spec))),
    );
  }
  return files;
}

/** CPU seconds used by finished child processes (ffmpeg) so far: user + system. */
function childCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // cutime and cstime are fields 16 and 17 of the whole line, in clock ticks (100 per second).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Runs `task`, measuring its wall time and its children's CPU time. */
async function measure(task) {
  const cpu = childCpuSeconds();
  const started = performance.now();
  const value = await task();
  return { value, seconds: (performance.now() - started) / 1000, cpu: childCpuSeconds() - cpu };
}

/** The machine's 1, 5 and 15 minute load averages: other work there skews the figures. */
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** The floor: one encode of the same number of output frames, same video and audio settings. */
async function floor(frames) {
  const output = join(work, 'floor.mp4');
  const source = `testsrc2=s=${OUTPUT.width}x${OUTPUT.height}:r=${OUTPUT.fps}`;
  await run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', source],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-frames:v', String(frames)],
    ...['-t', String(frames / OUTPUT.fps), '-c:v', 'libx264', '-preset', OUTPUT.x264Preset],
    ...['-crf', String(OUTPUT.crf), '-pix_fmt', 'yuv420p'],
    // The compilation's audio: stereo AAC at 160 kb/s.
    ...['-c:a', 'aac', '-ac', '2', '-b:a', '160k', output],
  ]);
  rmSync(output);
}

/** Decoding the eight clips (two at a time), which no pipeline can skip but the floor does not do. */
async function decodeClips(files) {
  const decode = (i) =>
    run('ffmpeg', ['-v', 'error', '-i', files.get(`clip${i}`), '-f', 'null', '-']);
  for (let i = 0; i < 8; i += 2) await Promise.all([decode(i), decode(i + 1)]);
}

const clip = (i) => ({
  clipId: `clip${i}`,
  mediaId: `clip${i}`,
  title: `Clip number ${i + 1}`,
  creatorName: `streamer_${i + 1}`,
  gameName: 'Counter-Strike 2',
  avatarAvailable: i % 2 === 0,
  maxSeconds: 30,
});

const PAYLOAD = {
  projectId: 'bench',
  output: OUTPUT,
  intro: { mediaId: 'intro', name: 'intro' },
  outro: { mediaId: 'outro', name: 'outro' },
  clips: Array.from({ length: 8 }, (_, i) => clip(i)),
  transitions: [
    { mediaId: 'swipe', name: 'swipe' },
    { mediaId: 'zoom', name: 'zoom' },
  ],
  randomizeTransitions: false,
  seed: 1,
  watermark: false,
};

async function main() {
  if (!existsSync(DIST)) throw new Error('Run npm run build first');
  const { compileVideo, loadCompileSettings } = await import(DIST);
  console.log(`Generating the sources in ${work}…`);
  const files = await makeSources();
  const cacheDir = join(work, 'cache');
  const settings = { ...loadCompileSettings(process.env), cacheDir };
  const compile = async (label, overrides = {}, settingsOverrides = {}) => {
    const outputPath = join(work, `${label}.mp4`);
    let joinStarted = 0;
    const measured = await measure(() =>
      compileVideo({
        payload: { ...PAYLOAD, ...overrides },
        sources: {
          clipInput: async (c) => ({ url: files.get(c.mediaId), inputOptions: [] }),
          assetFile: async (ref) => files.get(ref.mediaId),
          avatarFile: async () => files.get('avatar'),
        },
        ffmpegPath: 'ffmpeg',
        ffprobePath: 'ffprobe',
        settings: { ...settings, ...settingsOverrides },
        workDir: work,
        outputPath,
        signal: new AbortController().signal,
        progress: () => {},
        log: (line) => {
          if (line === 'Compiling final video') joinStarted = performance.now();
        },
      }),
    );
    rmSync(outputPath);
    return { ...measured, join: (performance.now() - joinStarted) / 1000 };
  };

  const frames = 108 * OUTPUT.fps;
  console.log(
    `Case: 33 segments, 108 s of ${OUTPUT.width}x${OUTPUT.height}@${OUTPUT.fps}, libx264 ` +
      `${OUTPUT.x264Preset} CRF ${OUTPUT.crf}, ${settings.segmentConcurrency} segments at a time, ` +
      `${cpus().length} CPUs. Wall time; CPU = user + system of the ffmpeg processes.`,
  );
  // Other work on the machine shifts single runs by ±20 %, and the floor itself by ±6 % from one
  // round to the next: every kind of run is repeated, interleaved, and each run compared with
  // the floor measured just before it; the median of those ratios is the figure to go by (best
  // with best is shown too, but one lucky floor moves it).
  const runs = {
    floor: [],
    'clip decoding': [],
    cold: [],
    warm: [],
    'warm, no loudnorm': [],
    'warm, text mark': [],
    'warm, image mark': [],
  };
  const line = (label, run, base) => {
    const realtime = 108 / run.seconds;
    const vsFloor = base ? `  ${(run.seconds / base.seconds).toFixed(2)}× floor` : '';
    const cpu = base ? ` (${(run.cpu / base.cpu).toFixed(2)}× floor)` : '';
    const extra = run.value ? `  join ${run.join.toFixed(1)} s, ${run.value.encoder}` : '';
    console.log(
      `  ${label.padEnd(18)} ${run.seconds.toFixed(1).padStart(6)} s  ${realtime.toFixed(2)}× realtime` +
        `${vsFloor}  CPU ${run.cpu.toFixed(1)} s${cpu}${extra}`,
    );
  };
  const record = (label, run, base) => {
    if (run.value && Math.abs(run.value.durationSeconds - 108) > 0.1) {
      throw new Error(`${label}: output is ${run.value.durationSeconds} s, not 108 s`);
    }
    runs[label].push({ ...run, ratio: base ? run.seconds / base.seconds : 1 });
    line(label, run, base);
  };
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`Round ${round}: (load average ${load()})`);
    const base = await measure(() => floor(frames));
    record('floor', base);
    record('clip decoding', await measure(() => decodeClips(files)), base);
    if (round === 1) {
      rmSync(cacheDir, { recursive: true, force: true });
      record('cold', await compile('cold'), base);
    }
    record('warm', await compile('warm'), base);
    record('warm, no loudnorm', await compile('warm-plain', { loudnorm: false }), base);
    // The watermark (WATERMARK_TEXT, then a WATERMARK_PATH image) on every clip.
    record('warm, text mark', await compile('warm-text', { watermark: true }), base);
    record(
      'warm, image mark',
      await compile('warm-image', { watermark: true }, { watermarkPath: files.get('mark') }),
      base,
    );
  }
  const best = (label) => runs[label].reduce((a, b) => (b.seconds < a.seconds ? b : a));
  console.log(`Best of each (${ROUNDS} round${ROUNDS > 1 ? 's' : ''}):`);
  const floorBest = best('floor');
  line('floor', floorBest);
  const compared = [
    'clip decoding',
    'cold',
    'warm',
    'warm, no loudnorm',
    'warm, text mark',
    'warm, image mark',
  ];
  for (const label of compared) line(label, best(label), floorBest);
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  console.log('Median of the rounds (each run against the floor measured just before it):');
  for (const label of compared) {
    const ratios = runs[label].map((run) => run.ratio);
    console.log(
      `  ${label.padEnd(18)} ${median(ratios).toFixed(2)}× floor` +
        `  (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    );
  }
  console.log(`Target: warm ≤ 1.15× floor (the median). Load average now: ${load()}.`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
