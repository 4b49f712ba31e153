import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import {
  checkApiPaths,
  checkLinks,
  checkScripts,
  checkSettings,
  envExampleNames,
  expandPath,
  loadDocs,
  openApiRoutes,
  SIDECAR_README,
  type Doc,
} from './support/docs-facts.js';

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const settings = envExampleNames(read('.env.example'));
const routes = openApiRoutes(
  JSON.parse(read('docs/openapi.json')) as { paths: Record<string, object> },
);
const docs = loadDocs(PROJECT_ROOT);
/** A document planted next to the README (links resolve from the root). */
const planted = (text: string): Doc => ({ path: 'PLANTED.md', text });

describe('the README and docs/ state what the repository has', () => {
  it('reads the README, the deploy READMEs and every docs page', () => {
    const paths = docs.map((doc) => doc.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'deploy/README.md',
        'deploy/artifact-sync/README.md',
        'docs/api.md',
        'docs/configuration.md',
        'docs/workers-and-deployment.md',
        'docs/compile-pipeline.md',
        'docs/security.md',
        'docs/operations.md',
      ]),
    );
  });

  it('names only settings that .env.example has', () => {
    const appDocs = docs.filter((doc) => doc.path !== SIDECAR_README);
    expect(appDocs.flatMap((doc) => checkSettings(doc, settings))).toEqual([]);
  });

  it('names only API paths and methods that docs/openapi.json has', () => {
    expect(docs.flatMap((doc) => checkApiPaths(doc, routes))).toEqual([]);
  });

  it('names only scripts and npm scripts that exist', () => {
    expect(docs.flatMap((doc) => checkScripts(doc, PROJECT_ROOT))).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    expect(docs.flatMap((doc) => checkLinks(doc, PROJECT_ROOT))).toEqual([]);
  });

  it('gives CI (.ci/run) the README test command, which the README shows in the Quickstart', () => {
    const readme = read('README.md');
    const start = readme.indexOf('## Quickstart');
    const quickstart = readme.slice(start, readme.indexOf('\n## ', start));
    const commands = [...quickstart.matchAll(/```bash\n([^\n]+)\n```/g)].map((m) => m[1]);
    expect(commands).toEqual(['npm install && npm start', 'npm install && npm test']);
    expect(read('.ci/run')).toMatch(/^npm install [^\n]*&& npm test$/m);
  });
});

describe('the docs checks catch a planted mistake', () => {
  it('a setting missing from .env.example, also as NAME= in a code block or a PREFIX_*', () => {
    const doc = planted(
      'Set `REDIS_URL` and `CLIPPY_NO_SUCH_SETTING`, `$NOPE_PORT`, `INGEST_NOPE_*`.\n\n' +
        '```bash\nREDIS_URL=x BOGUS_WORKERS=2 npm run worker\n```\n',
    );
    expect(checkSettings(doc, settings)).toEqual([
      'PLANTED.md: `CLIPPY_NO_SUCH_SETTING` is not in .env.example',
      'PLANTED.md: `NOPE_PORT` is not in .env.example',
      'PLANTED.md: `INGEST_NOPE_*` is not in .env.example',
      'PLANTED.md: `BOGUS_WORKERS` is not in .env.example',
    ]);
  });

  it('an API path or method the OpenAPI document lacks', () => {
    const doc = planted(
      '`GET /api/projects/:id/timeline`, `PUT /api/projects/{id}/timeline`, ' +
        '`GET /api/projects/:id/timelines`, `DELETE /api/health`, `/api/nothing/…`, ' +
        '`POST /api/worker/jobs/:id/{claim,fly}`',
    );
    expect(checkApiPaths(doc, routes)).toEqual([
      'PLANTED.md: `/api/projects/{}/timelines` (from `/api/projects/:id/timelines`) is not in openapi.json',
      'PLANTED.md: `DELETE /api/health` is not in openapi.json',
      'PLANTED.md: no API path starts with `/api/nothing/`',
      'PLANTED.md: `/api/worker/jobs/{}/fly` (from `/api/worker/jobs/:id/{claim,fly}`) is not in openapi.json',
    ]);
    expect(expandPath('/api/admin/themes/:id/activate|duplicate?x=1')).toEqual([
      '/api/admin/themes/{}/activate',
      '/api/admin/themes/{}/duplicate',
    ]);
  });

  it('a script or npm script that does not exist', () => {
    const doc = planted(
      '`scripts/health-check.sh`, `scripts/no-such-tool.sh`, `npm run lint`, ' +
        '`npm run no-such-script`, `npm run openapi -w backend`, `npm run lint -w backend`',
    );
    expect(checkScripts(doc, PROJECT_ROOT)).toEqual([
      'PLANTED.md: scripts/no-such-tool.sh does not exist',
      'PLANTED.md: npm script `no-such-script` does not exist',
      'PLANTED.md: npm script `lint` (-w backend) does not exist',
    ]);
  });

  it('a link to a missing file or heading', () => {
    const doc = planted(
      '[ok](docs/api.md#worker-api) [file](docs/nope.md) [anchor](docs/api.md#no-such-heading) ' +
        '![image](docs/images/nope.png) [web](https://example.org/x.md)',
    );
    expect(checkLinks(doc, PROJECT_ROOT)).toEqual([
      'PLANTED.md: link to docs/nope.md: docs/nope.md does not exist',
      'PLANTED.md: link to docs/api.md#no-such-heading: no heading #no-such-heading in docs/api.md',
      'PLANTED.md: link to docs/images/nope.png: docs/images/nope.png does not exist',
    ]);
  });
});
