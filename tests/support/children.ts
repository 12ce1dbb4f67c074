/**
 * Child processes for the proofs: Stance's CLI or a helper script, run in ONE process (node
 * with tsx's loader, so SIGKILL reaches the process doing the work), optionally as another
 * user (`setpriv`: the tests run as root, where file permissions do not bite).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const cliScript = path.join(repoRoot, 'src-main/cli.ts');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the child was still running at `timeoutMs` and was killed for it. */
  timedOut: boolean;
}

export interface ChildOptions {
  /** Run as this user and group (names), e.g. nobody/nogroup. */
  asUser?: { user: string; group: string };
  /** Killed with SIGKILL after this long (a hang is a failure the test reports). */
  timeoutMs?: number;
  /** Called with each chunk of stdout; may kill the child. */
  onStdout?: (text: string, kill: () => void) => void;
  env?: NodeJS.ProcessEnv;
}

/** Runs `script` (a .ts file) with arguments; resolves when it exits. */
export function runScript(script: string, args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  return startScript(script, args, options).done;
}

/** Starts `script`; `kill` sends SIGKILL to that child (by its own process id). */
export function startScript(script: string, args: string[], options: ChildOptions = {}): { done: Promise<ChildResult>; kill: () => void } {
  let killChild = () => {};
  const done = new Promise<ChildResult>((resolve, reject) => {
    start(resolve, reject);
  });
  return { done, kill: () => killChild() };

  function start(resolve: (result: ChildResult) => void, reject: (error: Error) => void): void {
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const command = options.asUser ? ['setpriv', `--reuid=${options.asUser.user}`, `--regid=${options.asUser.group}`, '--clear-groups', ...node] : node;
  {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(options.asUser ? { HOME: '/tmp' } : {}), ...options.env },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const kill = () => child.kill('SIGKILL');
    killChild = kill;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          kill();
        }, options.timeoutMs)
      : undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, kill);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  }
  }
}

/** Starts Stance's command line; kill() sends it SIGKILL. */
export function startCliChild(args: string[], options: ChildOptions = {}): { done: Promise<ChildResult>; kill: () => void } {
  return startScript(cliScript, args, options);
}

/** Runs Stance's command line. */
export function runCliChild(args: string[], options: ChildOptions = {}): Promise<ChildResult> {
  return runScript(cliScript, args, options);
}
