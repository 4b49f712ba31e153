import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { ACCOUNT_RULES } from '@clippyfront/shared';
import { PasswordHasher } from '../auth/password-hasher.js';
import { randomSecret } from '../auth/secrets.js';
import { ApiTokenEntity } from '../auth/api-token.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { PROJECT_ROOT } from '../config/project-paths.js';
import { TierEntity } from '../tiers/tier.entity.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import { CliError, finish, withDatabase } from './cli-database.js';

const USAGE = `Usage:
  scripts/create-admin.sh --username NAME --email EMAIL [--password PASSWORD]
  scripts/reset-admin-password.sh [--username NAME] [--password PASSWORD]
Without --password a strong password is generated and printed once.
Uses DATABASE_URL, else the embedded database (stop the app first).`;

function checkPassword(password: string): void {
  if (password.length < ACCOUNT_RULES.passwordMinLength) {
    throw new CliError(`--password must be at least ${ACCOUNT_RULES.passwordMinLength} characters`);
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node's message goes on about positionals after '--': the first sentence is the reason.
    const reason = (error as Error).message.split('. ')[0];
    throw new CliError(`${reason} (see --help)\n${USAGE}`);
  }
}

async function main(argv: string[]): Promise<string> {
  const { positionals, values } = parse(argv);
  if (values.help) return USAGE;
  const command = positionals[0];
  const hasher = new PasswordHasher();
  const password = values.password ?? randomSecret(12);
  checkPassword(password);
  const shown = values.password ? '(the one you gave)' : password;

  if (command === 'create') {
    const { username, email } = values;
    if (!username || !email) throw new CliError('create needs --username and --email');
    if (!new RegExp(ACCOUNT_RULES.usernamePattern).test(username)) {
      throw new CliError('--username must be 3-32 letters, digits, _ . or -');
    }
    return withDatabase(async (ds) => {
      const users = new UsersRepository(ds.getRepository(UserEntity));
      const taken = await users.taken(username, email);
      if (taken.username || taken.email) {
        throw new CliError(`${taken.username ? 'Username' : 'Email'} already in use`);
      }
      // Like the admin made at first start: an operator's own compiles hit no quota.
      const unlimited = await new TiersRepository(ds.getRepository(TierEntity)).findUnlimited();
      await users.create({
        username,
        email,
        role: 'admin',
        passwordHash: await hasher.hash(password),
        ...(unlimited && { tierId: unlimited.id }),
      });
      return `Created admin "${username}" with password ${shown}`;
    });
  }

  if (command === 'reset-password') {
    const username = values.username ?? 'admin';
    return withDatabase(async (ds) => {
      const users = new UsersRepository(ds.getRepository(UserEntity));
      const user = await users.findByLoginWithHash(username);
      if (!user) throw new CliError(`No user "${username}"`);
      await users.update(user.id, { passwordHash: await hasher.hash(password), isActive: true });
      await ds.getRepository(SessionEntity).delete({ userId: user.id });
      await ds.getRepository(ApiTokenEntity).delete({ userId: user.id });
      return `Password of "${user.username}" reset to ${shown}; their sessions were ended and API tokens revoked`;
    });
  }

  throw new CliError(USAGE);
}

loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
finish(main(process.argv.slice(2)));
