import { parseByteSize } from './byte-size.js';

describe('parseByteSize', () => {
  it('reads the units LOG_MAX_SIZE and JSON_BODY_LIMIT accept', () => {
    expect(parseByteSize('512')).toBe(512);
    expect(parseByteSize('512b')).toBe(512);
    expect(parseByteSize('4kb')).toBe(4096);
    expect(parseByteSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseByteSize('1gb')).toBe(1024 ** 3);
  });

  it('refuses anything else', () => {
    expect(() => parseByteSize('ten megabytes')).toThrow(/not a size/);
    expect(() => parseByteSize('-1kb')).toThrow(/not a size/);
  });
});
