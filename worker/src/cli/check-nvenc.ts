import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { loadCompileSettings } from '../compile/compile-settings.js';
import { encoderReport, type EncoderProbe, type EncoderReport } from '../compile/encoder-report.js';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator.js';

const USAGE = `Usage: check-nvenc [--json] [--require-nvenc] [--help]
Shows what a compile on this machine encodes with, and why: the ffmpeg found (FFMPEG_BINARY,
else ./bin, else PATH) and its version, whether it lists h264_nvenc, the one-frame NVENC test
encode and its error text, the libx264 fallback, and zscale. FFMPEG_DISABLE_NVENC=1 skips NVENC.
--require-nvenc (a GPU worker's health check): NVENC must be the encoder chosen.
Exit codes: 0 a working encoder exists, 1 ffmpeg is missing or does not run, 2 no H.264
encoder works, 3 NVENC is not used but --require-nvenc asked for it, 64 bad usage,
78 bad configuration.`;

function probeLine(probe: EncoderProbe): string {
  if (!probe.listed) return 'not listed by this ffmpeg';
  if (probe.testEncode === 'ok') return 'listed, test encode works';
  if (probe.testEncode === 'failed') return `listed, test encode failed: ${probe.error}`;
  return 'listed, not tried';
}

function describe(report: EncoderReport): string {
  const { ffmpeg } = report;
  const lines = [
    ffmpeg.path
      ? `ffmpeg:     ${ffmpeg.path} (version ${ffmpeg.version ?? 'unknown: it did not answer -version'})`
      : `ffmpeg:     missing (${ffmpeg.problems.join('; ')})`,
  ];
  if (report.chosen) {
    lines.push(
      `h264_nvenc: ${report.nvenc.disabled ? 'disabled by FFMPEG_DISABLE_NVENC' : probeLine(report.nvenc)}`,
      `libx264:    ${probeLine(report.libx264)}`,
      `zscale:     ${report.zscale ? 'available (faster resizing)' : 'not available (resizes with swscale)'}`,
    );
  }
  lines.push(report.summary);
  return lines.join('\n');
}

export function exitCodeOf(report: EncoderReport, requireNvenc = false): number {
  if (!report.ok) return report.chosen ? 2 : 1;
  return requireNvenc && report.chosen?.encoder !== 'h264_nvenc' ? 3 : 0;
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        'require-nvenc': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message} (see --help)`);
    return 64;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let settings;
  try {
    settings = loadCompileSettings(process.env);
  } catch (error) {
    console.error(`Invalid configuration: ${(error as Error).message.replace(/\s+/g, ' ')}`);
    return 78;
  }
  const location = await locateFfmpeg({
    ffmpegBinary: process.env.FFMPEG_BINARY || undefined,
    ffprobeBinary: process.env.FFPROBE_BINARY || undefined,
  });
  const report = await encoderReport(location, settings);
  const code = exitCodeOf(report, values['require-nvenc']);
  console.log(values.json ? JSON.stringify(report) : describe(report));
  if (code === 3) console.error(`NVENC required but not used: ${report.chosen?.reason}`);
  else if (code !== 0) console.error(report.summary);
  return code;
}

loadDotenv();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check-nvenc failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
