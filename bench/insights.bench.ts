/**
 * Part of `npm run bench` (bench/run.ts): how fast the Insights are for ten years of history (3,650 runs, 1,500
 * strength sessions, 3,650 daily check-ins, written straight into a real SQLite file):
 *
 * 1. every Insights number computed from the database (readInsights: four queries plus the
 *    analysis: the Cox model, the week-shift permutation test at every onset milestone, the
 *    Kaplan–Meier curves, the timelines) — target under 50 ms. Timed on a first open (the
 *    analysis's caches — week-shift tests, model fits — emptied before each run) and on a repeat open, for the default
 *    range (the last 12 months with runs) and for all ten years;
 * 2. the Insights page drawn in the browser test harness (the built renderer in Chromium, over the
 *    real dispatcher): from the click on "Insights" until its five charts and summary are on
 *    screen — target under a second.
 *
 * 3. the all-years first open again with a load generator beside it (bench/load.ts: busy
 *    processes, as many as `loadProcesses`), the "also at load 4".
 *
 * Prints the median (and range) of several runs after a warm-up. Run with tsx (no build step for
 * Node). The page needs a build: STANCE_OUT_DIR=… if you have one, else it builds into a temp folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { readInsights } from '../src-main/db/services/insights';
import { clearAnalysisCaches } from '../src-main/analysis/primary-model';
import { openStanceDatabase } from '../src-main/db/open';
import { defaultInsightsFilters } from '../src-main/shared/insights';
import { TEN_YEARS, writeGeneratedHistory } from '../tests/support/history';
import { startLoad } from './load';

const now = new Date('2026-11-21T10:00:00Z');

function stats(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

interface Timing {
  median: number;
  min: number;
  max: number;
}

/** What the Insights part measured, in ms. */
export interface InsightsBenchResult {
  allYearsFirstOpen: Timing & { cpu: Timing };
  underLoad: Timing & { cpu: Timing; processes: number; loadAverage: number };
  pageDrawn: Timing;
}

/** The Insights part of `npm run bench`: prints its table and returns its figures. */
export async function benchInsights(options: { loadProcesses: number }): Promise<InsightsBenchResult> {
  const result: Partial<InsightsBenchResult> = {};
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-'));
  const rows: { what: string; runs: number; median: number; min: number; max: number; target: number }[] = [];
  try {
    const databasePath = path.join(folder, 'stance.sqlite');
    const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(folder, 'backups') });
    writeGeneratedHistory(db, TEN_YEARS, { totalStrengthSessions: 1500 });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    console.log(
      `History: ${count('runs')} runs, ${count('strength_sessions')} strength sessions, ${count('pain_checkins')} check-ins, ${count('run_pain')} pain sites.`,
    );

    const allYears = { ...defaultInsightsFilters, fromDate: '2016-01-01' };
    for (const [what, filters] of [
      ['default range (last 12 months)', defaultInsightsFilters],
      ['all ten years', allYears],
    ] as const) {
      for (let warm = 0; warm < 5; warm++) readInsights(db, filters, now, 'Europe/London');
      const first: number[] = [];
      const repeat: number[] = [];
      const firstCpu: number[] = [];
      // CPU time as well as wall time: on a shared, busy machine the wall time mostly measures the others.
      const cpuMs = (since: NodeJS.CpuUsage) => {
        const used = process.cpuUsage(since);
        return (used.user + used.system) / 1000;
      };
      for (let run = 0; run < 21; run++) {
        clearAnalysisCaches();
        let start = performance.now();
        const cpu = process.cpuUsage();
        readInsights(db, filters, now, 'Europe/London');
        first.push(performance.now() - start);
        firstCpu.push(cpuMs(cpu));
        start = performance.now();
        readInsights(db, filters, now, 'Europe/London');
        repeat.push(performance.now() - start);
      }
      rows.push({ what: `Insights numbers from the database, ${what}, first open`, runs: first.length, ...stats(first), target: 50 });
      rows.push({ what: `  the same, CPU time`, runs: firstCpu.length, ...stats(firstCpu), target: 50 });
      rows.push({ what: `Insights numbers from the database, ${what}, repeat open`, runs: repeat.length, ...stats(repeat), target: 50 });
      if (filters === allYears) result.allYearsFirstOpen = { ...stats(first), cpu: stats(firstCpu) };
    }

    // The all-years first open again, with busy processes beside it.
    const load = await startLoad(options.loadProcesses);
    try {
      const first: number[] = [];
      const firstCpu: number[] = [];
      for (let run = 0; run < 21; run++) {
        clearAnalysisCaches();
        const start = performance.now();
        const cpu = process.cpuUsage();
        readInsights(db, allYears, now, 'Europe/London');
        first.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        firstCpu.push((used.user + used.system) / 1000);
        await new Promise((resolve) => setTimeout(resolve, 20)); // as a runner opens a page: not back to back
      }
      const loadAverage = os.loadavg()[0]!;
      rows.push({ what: `Insights numbers, all ten years, first open, ${options.loadProcesses} busy processes beside it (load ${loadAverage.toFixed(1)})`, runs: first.length, ...stats(first), target: 50 });
      rows.push({ what: `  the same, CPU time`, runs: firstCpu.length, ...stats(firstCpu), target: 50 });
      result.underLoad = { ...stats(first), cpu: stats(firstCpu), processes: options.loadProcesses, loadAverage };
    } finally {
      load.stop();
    }
    db.close();

    let outDir = process.env.STANCE_OUT_DIR;
    if (!outDir) {
      outDir = path.join(folder, 'out');
      console.log('Building the app for the page timing…');
      execFileSync('npx', ['electron-vite', 'build', '--outDir', outDir], { stdio: 'ignore' });
    }
    process.env.STANCE_OUT_DIR = outDir;
    const { launchStance } = await import('../tests/e2e/harness');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
      const stance = await launchStance(page, { dataFolder: folder, now: () => now });
      const nav = page.getByRole('navigation', { name: 'Sections' });
      const drawTimes: number[] = [];
      for (let run = 0; run < 8; run++) {
        await nav.getByRole('button', { name: 'Today' }).click();
        await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
        const start = performance.now();
        await nav.getByRole('button', { name: 'Insights' }).click();
        await page.getByTestId('insights-summary').waitFor();
        // (Page code as strings: this script is type-checked for Node, without the DOM's types.)
        await page.waitForFunction('document.querySelectorAll(\'canvas[role="img"]\').length === 5');
        // Two animation frames: the charts have been painted.
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
        if (run > 0) drawTimes.push(performance.now() - start); // the first is a warm-up
      }
      rows.push({ what: 'Insights page drawn in the browser harness', runs: drawTimes.length, ...stats(drawTimes), target: 1000 });
      result.pageDrawn = stats(drawTimes);
      // Of which: the request alone, through the harness's transport (a Playwright binding, JSON both ways).
      const requestTimes: number[] = [];
      for (let run = 0; run < 7; run++) {
        requestTimes.push(
          await page.evaluate<number>('(async () => { const start = performance.now(); await window.stance.insights.get({}); return performance.now() - start; })()'),
        );
      }
      rows.push({ what: '  of which: insights:get through the harness transport', runs: requestTimes.length, ...stats(requestTimes), target: 1000 });
      stance.close();
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  console.log('');
  console.log(`Load average while measuring: ${os.loadavg().map((value) => value.toFixed(1)).join(', ')} on ${os.cpus().length} cores.`);
  console.log('| measurement | runs | median ms | min ms | max ms | target ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.what} | ${row.runs} | ${row.median.toFixed(1)} | ${row.min.toFixed(1)} | ${row.max.toFixed(1)} | < ${row.target} |`);
  }
  return result as InsightsBenchResult;
}
