/** The compile pipeline, for the compile job handler (to come) and the benchmark. */
export { PIPELINE_VERSION, SegmentCache } from './asset-cache.js';
export { compileVideo, type CompileRequest, type CompileSources } from './compile.js';
export {
  compileEnvShape,
  loadCompileSettings,
  toCompileSettings,
  type CompileSettings,
} from './compile-settings.js';
export { youtubeChapters } from './chapters.js';
export { chooseEncoder, type EncoderChoice } from './encoder.js';
export { planSequence, type PlannedSegment } from './plan.js';
