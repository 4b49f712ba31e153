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
}
