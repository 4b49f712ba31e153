import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { PROJECT_ROOT } from '../config/project-paths.js';
import {
  probeApi,
  probeDatabase,
  probeRedis,
  type PartName,
  type ProbeResult,
} from './connectivity-probes.js';
import { describe, exitCodeOf, failureLine } from './health-check-report.js';

const USAGE = `Usage: health-check [--db URL] [--redis URL] [--api URL] [--timeout MS] [--json] [--help]
Probes what ClippyFront needs: PostgreSQL (connect and query), Redis (PING) and the API
(GET /api/health answers 200 "ok"). Defaults: --db DATABASE_URL, --redis REDIS_URL (each
skipped when unset: embedded database, in-process jobs), --api http://127.0.0.1:$PORT (3000);
--api none skips it. --timeout: each probe's longest wait (default 5000 ms).
Exit codes: 0 every probe passed (or was skipped); else the sum of 2 PostgreSQL down,
4 Redis down, 8 API down or degraded (e.g. 6 = PostgreSQL and Redis); 64 bad usage.
--json prints {"ok", "exitCode", "checks": [{"part", "target", "status", "detail", "ms"}]}.`;

class UsageError extends Error {}

function skipped(part: PartName, detail: string): ProbeResult {
  return { part, target: null, status: 'skipped', detail, ms: null };
}

function checkUrl(option: string, value: string, schemes: string[]): string {
  let scheme: string;
  try {
    scheme = new URL(value).protocol.replace(/:$/, '');
  } catch {
    throw new UsageError(`--${option} must be a URL (got "${value}")`);
  }
  if (!schemes.includes(scheme)) {
    throw new UsageError(
      `--${option} must start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      redis: { type: 'string' },
      api: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const timeout = Number(values.timeout ?? 5000);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120_000) {
    throw new UsageError(`--timeout must be a number of milliseconds, 100 to 120000`);
  }
  const env = process.env;
  const db = values.db ?? env.DATABASE_URL;
  const redis = values.redis ?? env.REDIS_URL;
  const api = values.api ?? `http://127.0.0.1:${env.PORT || 3000}`;
  const probes = [
    db
      ? probeDatabase(checkUrl('db', db, ['postgres', 'postgresql']), timeout)
      : skipped('database', 'not tried: no --db and no DATABASE_URL (embedded database)'),
    redis
      ? probeRedis(checkUrl('redis', redis, ['redis', 'rediss']), timeout)
      : skipped('redis', 'not tried: no --redis and no REDIS_URL (in-process jobs)'),
    api === 'none'
      ? skipped('api', 'not tried: --api none')
      : probeApi(checkUrl('api', api, ['http', 'https']), timeout),
  ];
  const results = await Promise.all(probes);
  const exitCode = exitCodeOf(results);
  if (values.json) console.log(JSON.stringify({ ok: exitCode === 0, exitCode, checks: results }));
  else console.log(describe(results));
  const failure = failureLine(results);
  if (failure) console.error(failure);
  return exitCode;
}

loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(
      usage
        ? `${(error as Error).message} (see --help)`
        : `health-check failed: ${(error as Error).message}`,
    );
    process.exit(usage ? 64 : 1);
  },
);
