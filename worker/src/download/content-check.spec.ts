import { refusalForContentType, refusalForLeadingBytes } from './content-check.js';

const HTML = 'The URL returned an HTML page, not a video';
const JSON_DATA = 'The URL returned JSON data, not a video';

describe('refusalForContentType', () => {
  it('refuses HTML and JSON, and lets anything else through to ffprobe', () => {
    expect(refusalForContentType('text/html; charset=utf-8')).toBe(HTML);
    expect(refusalForContentType('Application/XHTML+XML')).toBe(HTML);
    expect(refusalForContentType('application/json')).toBe(JSON_DATA);
    expect(refusalForContentType('application/problem+json')).toBe(JSON_DATA);
    expect(refusalForContentType('video/mp4')).toBeNull();
    expect(refusalForContentType('application/octet-stream')).toBeNull();
    expect(refusalForContentType(undefined)).toBeNull();
  });
});

describe('refusalForLeadingBytes', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');

  it('recognizes web pages and JSON by their first bytes', () => {
    expect(refusalForLeadingBytes(bytes('<!DOCTYPE html><html>'))).toBe(HTML);
    expect(refusalForLeadingBytes(bytes('\ufeff\n  <html lang="en">'))).toBe(HTML);
    expect(refusalForLeadingBytes(bytes('<?xml version="1.0"?><html'))).toBe(HTML);
    expect(refusalForLeadingBytes(bytes(' {"message":"Not Found"}'))).toBe(JSON_DATA);
    expect(refusalForLeadingBytes(bytes('[1,2]'))).toBe(JSON_DATA);
  });

  it('lets video signatures through', () => {
    const mp4 = Buffer.from('0000002066747970697336', 'hex');
    const mkv = Buffer.from('1a45dfa3', 'hex');
    expect(refusalForLeadingBytes(mp4)).toBeNull();
    expect(refusalForLeadingBytes(mkv)).toBeNull();
    expect(refusalForLeadingBytes(Buffer.alloc(0))).toBeNull();
  });
});
