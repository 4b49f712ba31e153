import { kindOfMime, typesCompatibleWith, uploadTypeFor, VIDEO_MEDIA_TYPES } from './media-kinds';

describe('media kinds', () => {
  it('lists every type but image as a video type', () => {
    expect(VIDEO_MEDIA_TYPES).toEqual(['intro', 'clip', 'outro', 'transition', 'compilation']);
    expect(typesCompatibleWith('clip')).toBe(VIDEO_MEDIA_TYPES);
    expect(typesCompatibleWith('image')).toEqual(['image']);
  });

  it('tells the kind from a MIME type', () => {
    expect(kindOfMime('video/mp4')).toBe('video');
    expect(kindOfMime('image/png')).toBe('image');
    expect(kindOfMime('')).toBeNull();
    expect(kindOfMime('application/pdf')).toBeNull();
  });

  it('applies the chosen upload type only to files of its kind', () => {
    const video = { type: 'video/mp4' };
    const image = { type: 'image/png' };
    const unknown = { type: '' };
    expect(uploadTypeFor(video, 'intro')).toBe('intro');
    expect(uploadTypeFor(image, 'intro')).toBeNull();
    expect(uploadTypeFor(image, 'image')).toBe('image');
    expect(uploadTypeFor(video, 'image')).toBeNull();
    expect(uploadTypeFor(unknown, 'outro')).toBe('outro');
    expect(uploadTypeFor(video, null)).toBeNull();
  });
});
