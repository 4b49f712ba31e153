import {
  API_PATHS,
  FFMPEG_INSTALL_COMMAND,
  type HealthDto,
  type HealthSummaryDto,
} from '@clippyfront/shared';
import { registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';

/** A machine without ffmpeg, as far as the app can tell: FFMPEG_BINARY names a missing file. */
describe('health on a machine without ffmpeg (in-process jobs)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('no_ffmpeg');
    app = await startTestApp({
      DATABASE_URL: db.url,
      FFMPEG_BINARY: '/nonexistent/ffmpeg',
      FFPROBE_BINARY: '/nonexistent/ffprobe',
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('admins see ffmpeg missing, compiles not ready, and the command that installs it', async () => {
    const { status, body } = await app.api<HealthDto>(API_PATHS.health);
    expect(status).toBe(200);
    expect(body.ffmpeg).toMatchObject({ available: false, version: null, ffmpegPath: null });
    expect(body.render).toEqual({
      ready: false,
      missing: ['ffmpeg'],
      reason: expect.stringMatching(/ffmpeg\/ffprobe are not installed on the server/),
      installCommand: FFMPEG_INSTALL_COMMAND,
    });
    expect(FFMPEG_INSTALL_COMMAND).toBe('sudo apt-get install -y ffmpeg');
  });

  it('users (who compile) see the same, without paths', async () => {
    const [user] = await registerUsers(app, 'no_ffmpeg_user');
    const { body } = await api<HealthSummaryDto>(app.baseUrl, API_PATHS.health, { token: user });
    expect(body.detailed).toBe(false);
    expect(body.render).toMatchObject({ ready: false, installCommand: FFMPEG_INSTALL_COMMAND });
    expect(JSON.stringify(body)).not.toContain('/nonexistent');
  });
});
