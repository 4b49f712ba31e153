import { PROJECT_RULES } from '@clippyfront/shared';
import { parseClipUrls } from './clip-urls';

describe('parseClipUrls', () => {
  it('splits on new lines, spaces, tabs and commas, in the pasted order', () => {
    const text = [
      'https://clips.twitch.tv/A',
      '  https://www.twitch.tv/ch/clip/B   https://cdn.discordapp.com/attachments/1/2/c.mp4',
      'https://clips.twitch.tv/C,https://clips.twitch.tv/D ,\thttps://clips.twitch.tv/E',
      '',
      '\r\nhttps://m.twitch.tv/ch/clip/F\r\n',
    ].join('\n');
    expect(parseClipUrls(text)).toEqual({
      urls: [
        'https://clips.twitch.tv/A',
        'https://www.twitch.tv/ch/clip/B',
        'https://cdn.discordapp.com/attachments/1/2/c.mp4',
        'https://clips.twitch.tv/C',
        'https://clips.twitch.tv/D',
        'https://clips.twitch.tv/E',
        'https://m.twitch.tv/ch/clip/F',
      ],
      duplicates: 0,
      tooLong: [],
    });
  });

  it('is empty for blank text', () => {
    expect(parseClipUrls('')).toEqual({ urls: [], duplicates: 0, tooLong: [] });
    expect(parseClipUrls(' \n , \n\t')).toEqual({ urls: [], duplicates: 0, tooLong: [] });
  });

  it('keeps each URL once and counts the repeats', () => {
    const parsed = parseClipUrls(
      'https://a.test/1\nhttps://a.test/1, https://a.test/2 https://a.test/1',
    );
    expect(parsed.urls).toEqual(['https://a.test/1', 'https://a.test/2']);
    expect(parsed.duplicates).toBe(2);
  });

  it("drops Discord's angle brackets and trailing sentence punctuation", () => {
    expect(
      parseClipUrls('<https://cdn.discordapp.com/attachments/1/2/c.mp4> https://clips.twitch.tv/A.')
        .urls,
    ).toEqual(['https://cdn.discordapp.com/attachments/1/2/c.mp4', 'https://clips.twitch.tv/A']);
  });

  it('leaves judging the URLs to the API, but refuses ones too long to send', () => {
    const long = `https://a.test/${'x'.repeat(PROJECT_RULES.maxUrlLength)}`;
    const parsed = parseClipUrls(`ftp://x javascript:alert(1) ${long}`);
    expect(parsed.urls).toEqual(['ftp://x', 'javascript:alert(1)']);
    expect(parsed.tooLong).toEqual([
      {
        url: long,
        reason: 'invalid-url',
        message: `Longer than ${PROJECT_RULES.maxUrlLength} characters`,
      },
    ]);
  });
});
