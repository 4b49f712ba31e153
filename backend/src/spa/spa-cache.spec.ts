import { isHashedFile } from './spa-cache.js';

describe('isHashedFile', () => {
  it.each([
    'main-ISLGKB4M.js',
    'chunk-eXK8kyM-.js',
    'styles-2TCF3DGX.css',
    '/x/media/font-AB12cd34.woff2',
  ])('%s is content-hashed', (name) => expect(isHashedFile(name)).toBe(true));

  it.each([
    'index.html',
    'favicon.svg',
    'video-js.css',
    'main.js',
    'chunk-ABCDEFGH.html',
    '/main-ISLGKB4M.js/index.html',
  ])('%s is not', (name) => expect(isHashedFile(name)).toBe(false));
});
