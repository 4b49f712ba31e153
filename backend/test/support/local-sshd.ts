import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const SSHD = '/usr/sbin/sshd';
const run = promisify(execFile);

export interface LocalSshd {
  port: number;
  user: string;
  clientKey: string;
  knownHosts: string;
  /** A known_hosts naming another key for this host: what a man in the middle would show. */
  wrongKnownHosts: string;
  /** sshd's own output so far (VERBOSE with `verbose`). */
  log(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function keygen(file: string): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

async function waitForBanner(port: number, sshd: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (sshd.exitCode !== null) throw new Error(`sshd exited (${sshd.exitCode}):\n${log()}`);
    const banner = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        data += chunk;
        if (data.includes('\n')) socket.destroy();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(''));
      socket.setTimeout(1000, () => socket.destroy());
    });
    if (banner.startsWith('SSH-2.0')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not answer on 127.0.0.1:${port}:\n${log()}`);
}

/** What the sidecar needs beside sshd: rsync and ssh here, and a login shell to run rsync. */
async function checkTools(user: string): Promise<void> {
  if (!existsSync(SSHD)) {
    throw new Error(`${SSHD} is missing: install openssh-server (scripts/ensure-system-deps.sh)`);
  }
  for (const tool of ['rsync', 'ssh', 'ssh-keygen']) {
    await run('sh', ['-c', `command -v ${tool}`]).catch(() => {
      throw new Error(`${tool} is missing: install rsync and openssh-client`);
    });
  }
  const shell = userInfo().shell ?? '';
  if (/(nologin|false)$/.test(shell)) {
    throw new Error(`user ${user} has no login shell (${shell}): sshd runs rsync through it`);
  }
}

/**
 * A real sshd on 127.0.0.1 for the artifact-sync sidecar: temp host key, temp client key,
 * key-only login as the current user.
 */
export async function startLocalSshd(
  dir: string,
  options: { verbose?: boolean } = {},
): Promise<LocalSshd> {
  const user = userInfo().username;
  await checkTools(user);
  // The privilege separation folder sshd insists on when started as root.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  mkdirSync(dir, { recursive: true });
  const hostPub = await keygen(join(dir, 'host_ed25519'));
  const otherHostPub = await keygen(join(dir, 'other_host_ed25519'));
  const clientKey = join(dir, 'client_ed25519');
  writeFileSync(join(dir, 'authorized_keys'), `${await keygen(clientKey)}\n`);
  const port = await freePort();
  const hostLine = (pub: string) => `[127.0.0.1]:${port} ${pub.split(' ').slice(0, 2).join(' ')}\n`;
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, hostLine(hostPub));
  const wrongKnownHosts = join(dir, 'known_hosts.wrong');
  writeFileSync(wrongKnownHosts, hostLine(otherHostPub));
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      ...(options.verbose ? ['LogLevel VERBOSE'] : []),
      '',
    ].join('\n'),
  );
  let log = '';
  const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  await waitForBanner(port, sshd, () => log);
  return {
    port,
    user,
    clientKey,
    knownHosts,
    wrongKnownHosts,
    log: () => log,
    async stop() {
      if (sshd.exitCode !== null) return;
      const exited = new Promise((resolve) => sshd.once('exit', resolve));
      sshd.kill('SIGTERM');
      await exited;
    },
  };
}
