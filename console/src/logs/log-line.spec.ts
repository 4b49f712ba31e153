import { parseLogLine, toLogLevel } from './log-line.js';

describe('parseLogLine', () => {
  it('reads a pino line of the API: time, level, context, message', () => {
    const time = new Date(2026, 0, 2, 10, 20, 30, 123).getTime();
    const line = JSON.stringify({
      level: 40,
      time,
      pid: 7,
      hostname: 'api-host',
      app: 'clippyfront-api',
      context: 'JobQueueService',
      msg: 'Requeued 2 job(s)',
    });
    expect(parseLogLine(line, 'clippyfront.3.log')).toEqual({
      time: new Date(time),
      level: 'warning',
      context: 'JobQueueService',
      message: 'Requeued 2 job(s)',
      file: 'clippyfront.3.log',
    });
  });

  it('adds the first line of a stack and fields it does not know', () => {
    const entry = parseLogLine(
      JSON.stringify({
        level: 50,
        time: '2026-01-02T10:20:30.000Z',
        msg: 'Compile failed',
        stack: 'Error: ffmpeg exited with code 1\n    at run (x.js:1:1)',
        jobId: 'abc',
      }),
    );
    expect(entry.level).toBe('error');
    expect(entry.time?.toISOString()).toBe('2026-01-02T10:20:30.000Z');
    expect(entry.message).toBe('Compile failed — Error: ffmpeg exited with code 1 — jobId=abc');
    expect(entry.context).toBeNull();
  });

  it('keeps a line that is not JSON as it is, at info', () => {
    expect(parseLogLine('    at Object.<anonymous> (x.js:1:1)\r')).toEqual({
      time: null,
      level: 'info',
      context: null,
      message: '    at Object.<anonymous> (x.js:1:1)',
      file: null,
    });
    expect(parseLogLine('{"cut off').message).toBe('{"cut off');
    expect(parseLogLine('[1,2]').message).toBe('[1,2]');
  });

  it('maps pino numbers and level names onto the four levels', () => {
    expect([10, 20, 30, 40, 50, 60].map(toLogLevel)).toEqual([
      'debug',
      'debug',
      'info',
      'warning',
      'error',
      'error',
    ]);
    expect(['trace', 'WARN', 'warning', 'fatal', 'log'].map(toLogLevel)).toEqual([
      'debug',
      'warning',
      'warning',
      'error',
      'info',
    ]);
    expect(toLogLevel('loud')).toBeNull();
    expect(parseLogLine('{"level":"loud","msg":"x"}').level).toBe('info');
  });
});
