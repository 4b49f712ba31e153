/**
 * What the avatar code needs from the `clips` table, kept behind an interface so avatars do not
 * depend on the clips module (implemented by ClipAvatarsRepository).
 */
export interface ClipAvatar {
  ownerId: string;
  /** As stored in clips.avatar_path (canonical /instance/... path), or null. */
  avatarPath: string | null;
  creatorName: string | null;
}

export interface ClipAvatarLookup {
  findAvatar(clipId: string): Promise<ClipAvatar | null>;
  /** Which of these avatar file names a clip's avatar_path points at (they are not pruned). */
  referencedAmong(fileNames: string[]): Promise<Set<string>>;
}

export const CLIP_AVATAR_LOOKUP = Symbol('CLIP_AVATAR_LOOKUP');
