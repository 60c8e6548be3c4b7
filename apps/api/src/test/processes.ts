import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from '../config/env.ts';

/**
 * Real API processes for the tests that need more than one process (several instances on one
 * database, the PGlite folder lock, production start-up rules). They run the API as production
 * does, compiled: the run's global setup builds it from the sources first (global-setup.ts
 * buildApi), so a test never runs a stale build. Outside a vitest run they fall back to the
 * sources under tsx.
 */
const API_DIR = path.join(REPO_ROOT, 'apps/api');

export type Proc = {
  child: ChildProcess;
  /** stdout + stderr so far */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM (graceful stop), then the exit code. */
  stop(): Promise<number | null>;
};

export type Server = Proc & { url: string };

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The variables every test process starts from: nothing inherited that could change its behaviour. */
function baseEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    // eslint-disable-next-line no-restricted-properties -- the child needs a PATH and HOME, not our configuration
    PATH: process.env.PATH,
    // eslint-disable-next-line no-restricted-properties -- as above
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // No drain window on stop (production's default is 5 s); the shutdown test sets its own.
    SHUTDOWN_DRAIN_MS: '0',
    WEB_DIST: path.join(REPO_ROOT, 'no-web-dist-in-tests'),
    ...vars,
  };
}

/** The run's compiled API (global-setup.ts), or null outside vitest. */
function compiledApi(): string | null {
  try {
    return inject('workdiaryBuild') ?? null;
  } catch {
    return null;
  }
}

/**
 * The Node arguments that run `src/<script>` (server.ts or a cli/*.ts command): its compiled
 * bundle when the run has one, else the sources under tsx.
 */
export function scriptArgs(script: string): string[] {
  const build = compiledApi();
  return build ? [path.join(build, script.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', path.join('src', script)];
}

/** Runs `src/<script>` (server.ts or a cli/*.ts command), compiled (see above). */
export function runScript(script: string, vars: Record<string, string>, args: string[] = []): Proc {
  return runNode([...scriptArgs(script), ...args], vars);
}

/** Runs Node with `args` in apps/api (e.g. a compiled bundle: `[outdir + '/server.js']`). */
export function runNode(args: string[], vars: Record<string, string>): Proc {
  const child = spawn(process.execPath, args, {
    cwd: API_DIR,
    env: baseEnv(vars),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts the API (compiled, see above) and resolves once GET /api/health answers 200 (or rejects with its output). */
export async function startServer(vars: Record<string, string>, timeoutMs = 150_000): Promise<Server> {
  const port = await freePort();
  const withPort = { ...vars, PORT: String(port) };
  const proc = runScript('server.ts', withPort);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before it was healthy:\n${proc.output()}`);
    if (Date.now() > deadline) {
      proc.child.kill('SIGKILL');
      throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${proc.output()}`);
    }
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { ...proc, url };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for a process expected to stop by itself; kills it and fails after `timeoutMs`. */
export async function exitWithin(proc: Proc, timeoutMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms:\n${proc.output()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
