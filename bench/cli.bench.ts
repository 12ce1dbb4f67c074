/**
 * The command line's start (part of npm run bench, bench/run.ts): the built `stance`
 * (out/cli/stance.mjs, made by scripts/build-cli.mjs before measuring) importing one small GPX
 * file (the corpus's 66 KB mapbox__run.gpx) into a new database, timed from the spawn to the
 * first line on its stdout; against a bare `node -e ''` from spawn to exit, alternating, medians
 * of 9 each. Also the tsx way the command line used to start (`tsx src-main/cli.ts`), 3 runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const smallFile = path.resolve(root, '../shared/gpx-corpus/mapbox__run.gpx');

export interface CliBenchResult {
  /** Median ms from spawn to the first line of output, the built command line. */
  builtMs: number;
  /** Median ms of a bare `node -e ''`, spawn to exit. */
  bareNodeMs: number;
  /** Median ms to the first line through tsx (compiling TypeScript), as before. */
  tsxMs: number;
}

/** Spawns a command; resolves with ms from spawn to the first stdout line (or to exit when `untilExit`). */
function timeToFirstLine(command: string, args: string[], untilExit: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!untilExit && !answered && chunk.includes(10)) {
        answered = true;
        resolve(performance.now() - started);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (untilExit) resolve(performance.now() - started);
      else if (!answered) reject(new Error(`${command} ${args.join(' ')} wrote no line (exit ${code})`));
    });
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function benchCliStart(): Promise<CliBenchResult> {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const built = path.join(root, 'out/cli/stance.mjs');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-cli-bench-'));
  try {
    const bare: number[] = [];
    const cli: number[] = [];
    for (let run = 0; run < 10; run++) {
      const db = path.join(scratch, `run-${run}.sqlite`);
      const node = await timeToFirstLine(process.execPath, ['-e', ''], true);
      const stance = await timeToFirstLine(process.execPath, [built, 'import', smallFile, '--db', db, '--json'], false);
      if (run > 0) {
        bare.push(node);
        cli.push(stance);
      }
    }
    const tsx: number[] = [];
    const tsxCli = path.join(root, 'node_modules/.bin/tsx');
    for (let run = 0; run < 3; run++) {
      tsx.push(await timeToFirstLine(tsxCli, ['src-main/cli.ts', 'import', smallFile, '--db', path.join(scratch, `tsx-${run}.sqlite`), '--json'], false));
    }
    const result = { builtMs: median(cli), bareNodeMs: median(bare), tsxMs: median(tsx) };
    console.log(`Command line, one 66 KB GPX into a new database, spawn to first line (median of 9; load ${os.loadavg()[0]!.toFixed(1)}):`);
    console.log(`  built (node out/cli/stance.mjs)  ${result.builtMs.toFixed(0)} ms`);
    console.log(`  bare node -e ''                   ${result.bareNodeMs.toFixed(0)} ms (so Stance's own part: ${(result.builtMs - result.bareNodeMs).toFixed(0)} ms)`);
    console.log(`  through tsx, as before (median of 3) ${result.tsxMs.toFixed(0)} ms`);
    return result;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
