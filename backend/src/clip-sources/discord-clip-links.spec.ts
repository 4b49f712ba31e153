import { findClipLinks, type DiscordMessage } from './discord-clip-links.js';

const STRICT = { allowExternal: false, allowPrivateNetworks: false };
const OPEN = { allowExternal: true, allowPrivateNetworks: true };
const CDN = 'https://cdn.discordapp.com/attachments/111/222';

const message = (fields: Partial<DiscordMessage>): DiscordMessage => ({
  id: '1000',
  timestamp: '2026-03-01T12:00:00.000Z',
  author: { username: 'alice', global_name: 'Alice' },
  ...fields,
});

const urls = (messages: DiscordMessage[], policy = STRICT) =>
  findClipLinks(messages, policy).map((clip) => clip.url);

describe('findClipLinks', () => {
  it('takes video attachments by content type or extension, with author and time', () => {
    const found = findClipLinks(
      [
        message({
          attachments: [
            { filename: 'a.mp4', url: `${CDN}/a.mp4?ex=1&is=2&hm=3`, content_type: 'video/mp4' },
            { filename: 'b.MOV', url: `${CDN}/b.MOV` },
            { filename: 'c.bin', url: `${CDN}/c.bin`, content_type: 'video/webm' },
            { filename: 'd.webm', url: `${CDN}/d.webm`, content_type: 'application/octet-stream' },
          ],
        }),
      ],
      STRICT,
    );
    expect(found.map((clip) => clip.title)).toEqual(['a.mp4', 'b.MOV', 'c.bin', 'd.webm']);
    expect(found[0]).toEqual({
      source: 'discord',
      url: `${CDN}/a.mp4?ex=1&is=2&hm=3`,
      title: 'a.mp4',
      creatorName: 'Alice',
      viewCount: null,
      createdAt: '2026-03-01T12:00:00.000Z',
      thumbnailUrl: null,
      durationSeconds: null,
    });
  });

  it('ignores images, other files and attachments without a URL', () => {
    expect(
      urls([
        message({
          attachments: [
            { filename: 'shot.png', url: `${CDN}/shot.png`, content_type: 'image/png' },
            { filename: 'notes.txt', url: `${CDN}/notes.txt` },
            { filename: 'x.mp4.zip', url: `${CDN}/x.mp4.zip` },
            { filename: 'lost.mp4', content_type: 'video/mp4' },
          ],
        }),
      ]),
    ).toEqual([]);
  });

  it('finds Twitch clip links in the text, canonical, with and without a scheme', () => {
    expect(
      urls([
        message({
          content:
            'one https://clips.twitch.tv/FirstSlug-Ab_1, two twitch.tv/someone/clip/SecondSlug ' +
            '(and <https://m.twitch.tv/other/clip/Third-x>) then www.twitch.tv/a/clip/Fourth.',
        }),
      ]),
    ).toEqual([
      'https://clips.twitch.tv/FirstSlug-Ab_1',
      'https://clips.twitch.tv/SecondSlug',
      'https://clips.twitch.tv/Third-x',
      'https://clips.twitch.tv/Fourth',
    ]);
  });

  it('ignores Twitch links that are not clips, and other sites', () => {
    expect(
      urls([
        message({
          content:
            'https://www.twitch.tv/someone https://www.twitch.tv/videos/123 ' +
            'https://clips.twitch.tv/embed?clip=X https://youtube.com/watch?v=abc https://example.com/a.mp4',
        }),
      ]),
    ).toEqual([]);
  });

  it('takes pasted Discord video attachment links, not other pasted attachments', () => {
    expect(
      urls([
        message({
          content: `${CDN}/clip.mp4?ex=1&hm=2. and ${CDN}/image.png and https://media.discordapp.net/attachments/1/2/v.webm`,
        }),
      ]),
    ).toEqual([`${CDN}/clip.mp4?ex=1&hm=2`, 'https://media.discordapp.net/attachments/1/2/v.webm']);
  });

  it('keeps each clip once (first seen), across messages and spellings', () => {
    const found = findClipLinks(
      [
        message({
          id: '2',
          content: 'https://www.twitch.tv/s/clip/Same',
          author: { username: 'bob' },
        }),
        message({ id: '1', content: 'again clips.twitch.tv/Same' }),
        message({ attachments: [{ filename: 'a.mp4', url: `${CDN}/a.mp4?ex=1` }] }),
        message({ attachments: [{ filename: 'a.mp4', url: `${CDN}/a.mp4?ex=2` }] }),
      ],
      STRICT,
    );
    expect(found.map((clip) => [clip.url, clip.creatorName])).toEqual([
      ['https://clips.twitch.tv/Same', 'bob'],
      [`${CDN}/a.mp4?ex=1`, 'Alice'],
    ]);
  });

  it("uses Discord's embed of the clip for title and thumbnail", () => {
    const [clip] = findClipLinks(
      [
        message({
          content: 'https://www.twitch.tv/s/clip/Embedded-1',
          embeds: [
            { url: 'https://clips.twitch.tv/Other', title: 'Wrong' },
            {
              url: 'https://clips.twitch.tv/Embedded-1',
              title: 'What a play',
              thumbnail: { url: 'https://clips-media-assets2.twitch.tv/t.jpg' },
            },
          ],
        }),
      ],
      STRICT,
    );
    expect(clip).toMatchObject({
      title: 'What a play',
      thumbnailUrl: 'https://clips-media-assets2.twitch.tv/t.jpg',
    });
  });

  it('attachments on other hosts only when the URL policy accepts them', () => {
    const local = message({
      attachments: [{ filename: 'a.mp4', url: 'http://127.0.0.1:9/attachments/1/2/a.mp4' }],
    });
    expect(urls([local], STRICT)).toEqual([]);
    expect(urls([local], { allowExternal: true, allowPrivateNetworks: false })).toEqual([]);
    expect(urls([local], OPEN)).toEqual(['http://127.0.0.1:9/attachments/1/2/a.mp4']);
  });

  it('falls back to the username, then null, for the author', () => {
    const attachment = (name: string) => ({ filename: name, url: `${CDN}/${name}` });
    const found = findClipLinks(
      [
        message({
          author: { username: 'carol', global_name: null },
          attachments: [attachment('1.mp4')],
        }),
        message({ author: undefined, attachments: [attachment('2.mp4')] }),
      ],
      STRICT,
    );
    expect(found.map((clip) => clip.creatorName)).toEqual(['carol', null]);
  });
});
