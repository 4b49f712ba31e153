import { PROJECT_RULES } from '@clippyfront/shared';
import { evaluateClipUrl, isPrivateHost, type ClipUrlOptions } from './clip-url-policy.js';

const strict: ClipUrlOptions = { allowExternal: false, allowPrivateNetworks: false };
const open: ClipUrlOptions = { allowExternal: true, allowPrivateNetworks: false };
const dev: ClipUrlOptions = { allowExternal: true, allowPrivateNetworks: true };

const accept = (url: string, options = strict) => {
  const verdict = evaluateClipUrl(url, options);
  if (!verdict.accepted) throw new Error(`${url} rejected: ${verdict.message}`);
  return verdict;
};
const rejection = (url: string, options = strict) => {
  const verdict = evaluateClipUrl(url, options);
  if (verdict.accepted) throw new Error(`${url} accepted as ${verdict.normalizedUrl}`);
  return { reason: verdict.reason, message: verdict.message };
};

describe('clip URL policy: Twitch', () => {
  const canonical = 'https://clips.twitch.tv/FunnyCleverSnail-AbC123_xYz';

  it.each([
    'https://clips.twitch.tv/FunnyCleverSnail-AbC123_xYz',
    'http://clips.twitch.tv/FunnyCleverSnail-AbC123_xYz/',
    'https://clips.twitch.tv/FunnyCleverSnail-AbC123_xYz?tt_medium=clips_api#t=3',
    'https://clips.twitch.tv/embed?clip=FunnyCleverSnail-AbC123_xYz&parent=example.com',
    'https://www.twitch.tv/somechannel/clip/FunnyCleverSnail-AbC123_xYz',
    'https://www.twitch.tv/somechannel/clip/FunnyCleverSnail-AbC123_xYz?filter=clips&range=7d',
    'https://m.twitch.tv/somechannel/clip/FunnyCleverSnail-AbC123_xYz',
    'https://m.twitch.tv/clip/FunnyCleverSnail-AbC123_xYz',
    'https://twitch.tv/somechannel/clip/FunnyCleverSnail-AbC123_xYz',
    'HTTPS://WWW.TWITCH.TV/SomeChannel/clip/FunnyCleverSnail-AbC123_xYz',
    'https://www.twitch.tv./somechannel/clip/FunnyCleverSnail-AbC123_xYz',
    '  clips.twitch.tv/FunnyCleverSnail-AbC123_xYz  ',
    'www.twitch.tv/somechannel/clip/FunnyCleverSnail-AbC123_xYz',
  ])('%s → the canonical clips.twitch.tv URL, slug case kept', (url) => {
    expect(accept(url)).toEqual({
      accepted: true,
      source: 'twitch',
      sourceUrl: canonical,
      normalizedUrl: canonical,
    });
  });

  it.each([
    'https://www.twitch.tv/somechannel',
    'https://www.twitch.tv/videos/123456789',
    'https://www.twitch.tv/somechannel/clips',
    'https://www.twitch.tv/somechannel/clip/',
    'https://clips.twitch.tv/',
    'https://clips.twitch.tv/embed',
    'https://clips.twitch.tv/a/b',
  ])('%s is Twitch but not a clip: unsupported-source', (url) => {
    expect(rejection(url)).toEqual({
      reason: 'unsupported-source',
      message: expect.stringMatching(/Twitch links must point to a clip/),
    });
  });

  it('refuses a slug with characters Twitch never uses', () => {
    expect(rejection('https://clips.twitch.tv/embed?clip=bad%20slug!')).toEqual({
      reason: 'invalid-url',
      message: 'Not a valid Twitch clip id',
    });
  });
});

describe('clip URL policy: Discord attachments', () => {
  const path = '/attachments/1234567890/9876543210/My_Clip.mp4';
  const signed = '?ex=6650a1b2&is=664f5032&hm=0123abcd';

  it('keeps the signed URL for the download and dedups on the path alone', () => {
    expect(accept(`https://cdn.discordapp.com${path}${signed}`)).toEqual({
      accepted: true,
      source: 'discord',
      sourceUrl: `https://cdn.discordapp.com${path}${signed}`,
      normalizedUrl: `https://cdn.discordapp.com${path}`,
    });
    const media = accept(`https://media.discordapp.net${path}?ex=1&is=2&hm=3&#frag`);
    expect(media.sourceUrl).toBe(`https://media.discordapp.net${path}?ex=1&is=2&hm=3&`);
    expect(media.normalizedUrl).toBe(`https://cdn.discordapp.com${path}`);
    expect(accept(`http://CDN.discordapp.com${path}`).sourceUrl).toBe(
      `https://cdn.discordapp.com${path}`,
    );
  });

  it.each([
    'https://cdn.discordapp.com/avatars/123/abc.png',
    'https://cdn.discordapp.com/attachments/123',
    'https://media.discordapp.net/',
  ])('%s is not an attachment: unsupported-source', (url) => {
    expect(rejection(url).reason).toBe('unsupported-source');
  });
});

describe('clip URL policy: other sites', () => {
  it('refuses them unless ALLOW_EXTERNAL_URLS', () => {
    expect(rejection('https://example.com/video.mp4')).toEqual({
      reason: 'unsupported-source',
      message: 'Only Twitch clips and Discord attachments are accepted on this server',
    });
    expect(rejection('https://discord.com/channels/1/2/3').reason).toBe('unsupported-source');
    expect(rejection('https://youtube.com/watch?v=x').reason).toBe('unsupported-source');
  });

  it('normalizes: lowercase host, no fragment, no tracking, sorted query; downloads as given', () => {
    const given =
      'https://Example.COM:443/Path/Video.mp4?b=2&utm_source=x&a=1&fbclid=y&UTM_Medium=z&si=q&feature=share&gclid=g#t=10';
    expect(accept(given, open)).toEqual({
      accepted: true,
      source: 'external',
      sourceUrl:
        'https://example.com/Path/Video.mp4?b=2&utm_source=x&a=1&fbclid=y&UTM_Medium=z&si=q&feature=share&gclid=g',
      normalizedUrl: 'https://example.com/Path/Video.mp4?a=1&b=2',
    });
    expect(accept('http://example.com/v.mp4?utm_campaign=1', open).normalizedUrl).toBe(
      'http://example.com/v.mp4',
    );
    expect(accept('https://example.com/v.mp4?z=1&a=2&a=1', open).normalizedUrl).toBe(
      'https://example.com/v.mp4?a=2&a=1&z=1',
    );
  });

  it('gives the same key to URLs that differ only in tracking, order or fragment', () => {
    const keys = [
      'https://example.com/v.mp4?x=1&y=2',
      'https://EXAMPLE.com/v.mp4?y=2&x=1#start',
      'https://example.com/v.mp4?utm_source=a&y=2&x=1&si=abc',
    ].map((url) => accept(url, open).normalizedUrl);
    expect(new Set(keys).size).toBe(1);
  });

  it.each([
    'http://127.0.0.1:8080/clip.mp4',
    'http://0x7f.1/clip.mp4',
    'http://2130706433/clip.mp4',
    'http://10.1.2.3/clip.mp4',
    'http://172.20.0.5/clip.mp4',
    'http://192.168.1.10/clip.mp4',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/clip.mp4',
    'http://0.0.0.0/clip.mp4',
    'http://[::1]/clip.mp4',
    'http://[::ffff:127.0.0.1]/clip.mp4',
    'http://[fd00::1]/clip.mp4',
    'http://[fe80::1]/clip.mp4',
    'http://localhost:3000/clip.mp4',
    'http://LOCALHOST./clip.mp4',
    'http://api.localhost/clip.mp4',
    'http://192.0.2.10/clip.mp4',
    'http://[64:ff9b::a00:1]/clip.mp4',
  ])('%s: a private network address, refused early', (url) => {
    expect(rejection(url, open)).toEqual({
      reason: 'unsupported-source',
      message: 'private network address',
    });
    expect(accept(url, dev).source).toBe('external');
  });

  it('leaves public addresses and names to the worker’s checks', () => {
    expect(accept('http://93.184.215.14/clip.mp4', open).source).toBe('external');
    expect(accept('http://[2606:4700::1]/clip.mp4', open).source).toBe('external');
    expect(accept('http://172.32.0.1/clip.mp4', open).source).toBe('external');
    expect(accept('https://internal.example/clip.mp4', open).source).toBe('external');
  });
});

describe('clip URL policy: not URLs', () => {
  it.each([
    ['', 'Empty: paste a clip link'],
    ['   ', 'Empty: paste a clip link'],
    ['not a url', 'Not a URL'],
    ['clips.twitch', 'Not a URL'],
    ['//clips.twitch.tv/Slug', 'Not a URL'],
    ['ftp://example.com/a.mp4', 'Only http and https links are accepted'],
    ['javascript:alert(1)', 'Only http and https links are accepted'],
    ['file:///etc/passwd', 'Only http and https links are accepted'],
    ['data:video/mp4;base64,AAAA', 'Only http and https links are accepted'],
    [
      'https://user:secret@clips.twitch.tv/Slug',
      'Links with a user name or password are not accepted',
    ],
    ['https://user@example.com/a.mp4', 'Links with a user name or password are not accepted'],
  ])('%j → invalid-url (%s)', (url, message) => {
    expect(rejection(url, dev)).toEqual({ reason: 'invalid-url', message });
  });

  it(`refuses URLs over ${PROJECT_RULES.maxUrlLength} characters`, () => {
    const long = `https://example.com/${'a'.repeat(PROJECT_RULES.maxUrlLength)}`;
    expect(rejection(long, dev)).toEqual({
      reason: 'invalid-url',
      message: `Longer than ${PROJECT_RULES.maxUrlLength} characters`,
    });
    // Short as typed, long once encoded.
    const encoded = `https://example.com/${'é'.repeat(PROJECT_RULES.maxUrlLength / 2)}`;
    expect(rejection(encoded, dev).reason).toBe('invalid-url');
    // Under the limit as sent, over it once the query is re-encoded for the dedup key.
    const prefix = 'https://example.com/v.mp4?q=';
    const quoted = `${prefix}${"'".repeat(PROJECT_RULES.maxUrlLength - prefix.length)}`;
    expect(quoted).toHaveLength(PROJECT_RULES.maxUrlLength);
    expect(rejection(quoted, dev)).toEqual({
      reason: 'invalid-url',
      message: `Longer than ${PROJECT_RULES.maxUrlLength} characters`,
    });
  });
});

describe('isPrivateHost', () => {
  it('knows literal private addresses and localhost, and nothing else', () => {
    expect(isPrivateHost('127.0.0.1')).toBe(true);
    expect(isPrivateHost('[::1]')).toBe(true);
    expect(isPrivateHost('localhost')).toBe(true);
    expect(isPrivateHost('8.8.8.8')).toBe(false);
    expect(isPrivateHost('example.com')).toBe(false);
    expect(isPrivateHost('10.example.com')).toBe(false);
  });
});
