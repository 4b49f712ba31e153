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
  /** Stores the file at `localPath` as the thumbnail of the job's media. */
  saveThumbnail(localPath: string): Promise<void>;
  /**
   * Sends a download job's file to the library, as the media of the job's clip(s); answers the
   * new media's id. Refused files (not video, undecodable, over quota) reject with the reason.
   * `signal` (the job's) stops a transfer under way when the job is cancelled.
   */
  saveClipMedia(
    localPath: string,
    fileName: string,
    signal?: AbortSignal,
  ): Promise<{ mediaId: string }>;
}
