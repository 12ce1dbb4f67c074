/**
 * A load generator for the benchmark: `processes` busy Node processes (each a tight loop at
 * normal priority), started beside a measurement and stopped after it — the "at load 4" of the
 * Insights line. Each is ended by its own process id.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Load {
  stop(): void;
}

/** Starts the busy processes and waits a moment for them to be running. */
export async function startLoad(processes: number): Promise<Load> {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    children.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return {
    stop: () => {
      for (const child of children) if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    },
  };
}
