/** Where ffmpeg reads a media file from: a local path, or a URL with the options it needs. */
export interface MediaInput {
  url: string;
  inputOptions: string[];
}

/**
 * A job's door to the library: a worker goes through the API with its key and job token; the
 * API's in-process runner reads and writes the instance folder directly.
 */
export interface JobMediaAccess {
  input(mediaId: string): Promise<MediaInput>;
  /**
   * The media file as a local path: the library's own file in the API process, a copy made in
   * `dir` on a worker. Callers must not change or remove it.
   */
  localCopy(mediaId: string, dir: string, signal?: AbortSignal): Promise<string>;
  /** The creator avatar of a project clip as a local image, or null when it has none. */
  avatar(clipId: string, dir: string, signal?: AbortSignal): Promise<string | null>;
  /** Stores the file at `localPath` as the thumbnail of the job's media. */
  saveThumbnail(localPath: string): Promise<void>;
  /**
   * Sends the job's output file to the library (a download's clip, a compile's video); answers
   * the new media's id. Refused files (not video, undecodable, over quota) reject with the
   * reason. `signal` (the job's) stops a transfer under way when the job is cancelled.
   */
  saveOutput(
    localPath: string,
    fileName: string,
    signal?: AbortSignal,
  ): Promise<{ mediaId: string }>;
}
