import { twitchClipSlug } from './twitch-url.js';

describe('twitchClipSlug', () => {
  it.each([
    ['https://clips.twitch.tv/FunnyClipSlug-abc123_XYZ', 'FunnyClipSlug-abc123_XYZ'],
    ['https://www.twitch.tv/somechannel/clip/FunnyClipSlug?filter=clips', 'FunnyClipSlug'],
    ['https://m.twitch.tv/somechannel/clip/FunnyClipSlug', 'FunnyClipSlug'],
    ['https://twitch.tv/somechannel/clip/FunnyClipSlug/', 'FunnyClipSlug'],
  ])('reads %s', (url, slug) => {
    expect(twitchClipSlug(url)).toBe(slug);
  });

  it.each([
    'https://www.twitch.tv/somechannel',
    'https://www.twitch.tv/videos/123456',
    'https://clips.twitch.tv/a/b',
    'https://clips.twitch.tv.evil.example/Slug',
    'https://evil.example/clips.twitch.tv/Slug',
    'https://clips.twitch.tv:8443/Slug',
    'ftp://clips.twitch.tv/Slug',
    'not a url',
  ])('refuses %s', (url) => {
    expect(twitchClipSlug(url)).toBeNull();
  });
});
