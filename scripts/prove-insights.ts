/**
 * The proof that the Insights' yes/no claim keeps its false-claim rate at or under 5% over a year
 * of weekly looks, and how often it finds a real effect (issue 9, item 4). Run by
 * `npm run test:proofs` (and on its own: `npm run proof:insights -- [--years N] [--seed S]`).
 *
 * Seeded simulation of runner-years through the page's own code path (computeInsights): each
 * simulated runner logs runs (short runs Tuesday, Thursday and Saturday, sometimes Wednesday, a
 * long run on Sunday), glute sessions by a routine, and knee pain whose onset distance is drawn
 * from a Weibull distribution (shape 2, scale 16 km). The runner opens the Insights every week
 * from week 4 to week 52; a false claim is any look that says the pain comes earlier (or later)
 * with skipped glute work when in the simulation it does not depend on it.
 *
 * Scenarios with NO effect (false claims must stay ≤ 5%, upper 95% bound ≤ 6.5%):
 * - fixed routine Mon/Wed/Fri with the long run on Sunday (days since glute work and run length go together);
 * - fixed routine Wed/Sat/Sun (sessions on run days, done after the run);
 * - a random routine (each day with probability 3/7);
 * - on/off weeks: spells of weeks with no glute work at all;
 * - on/off weeks with flare-ups (spells of 1–3 weeks in which the knee is 3× as touchy);
 * - flare-ups with reactive adherence: after a painful run the runner does glute work nearly every day for a week.
 * And WITH an effect: the hazard doubles after 7+ days without glute work (hazard ratio 2), in
 * on/off weeks with and without flare-ups (power: target ≥ 45% by the end of the year).
 *
 * For comparison it also prints how often a naive rule would have claimed: the Cox model's Wald
 * p < 0.05 at any weekly look.
 */
import { addDays, dayOfWeek } from '../src-main/shared/calendar';
import { computeInsights } from '../src-main/analysis/insights';
import { seededRandom } from '../src-main/analysis/example-history';
import type { InsightsHistory, RunRecord } from '../src-main/analysis/exposure';
import { regularizedIncompleteBeta } from '../src-main/analysis/distributions';
import { defaultInsightsFilters } from '../src-main/shared/insights';

interface Scenario {
  name: string;
  routine: 'mon-wed-fri' | 'wed-sat-sun' | 'random';
  onOffWeeks: boolean;
  flareUps: boolean;
  reactive: boolean;
  /** Hazard ratio after 7+ days without glute work; 1 = no effect. */
  hazardRatio: number;
}

export const scenarios: Scenario[] = [
  { name: 'Fixed Mon/Wed/Fri, long Sunday run', routine: 'mon-wed-fri', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'Fixed Wed/Sat/Sun (after the run), long Sunday run', routine: 'wed-sat-sun', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'Random routine', routine: 'random', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'On/off weeks', routine: 'random', onOffWeeks: true, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'On/off weeks + flare-ups', routine: 'random', onOffWeeks: true, flareUps: true, reactive: false, hazardRatio: 1 },
  { name: 'Flare-ups + reactive adherence', routine: 'random', onOffWeeks: true, flareUps: true, reactive: true, hazardRatio: 1 },
  { name: 'EFFECT: HR 2 at 7+ days, on/off weeks', routine: 'random', onOffWeeks: true, flareUps: false, reactive: false, hazardRatio: 2 },
  { name: 'EFFECT: HR 2 at 7+ days, on/off weeks + flare-ups', routine: 'random', onOffWeeks: true, flareUps: true, reactive: false, hazardRatio: 2 },
];

const START = '2025-01-06'; // a Monday
const DAYS = 364;

/** One simulated runner-year. */
export function simulateRunnerYear(scenario: Scenario, seed: number): InsightsHistory {
  const random = seededRandom(seed);
  const runs: RunRecord[] = [];
  const sessions: string[] = [];
  let off = false;
  let flareUntil = -1;
  let reactiveUntil = -1;
  let lastSession = -99;
  for (let index = 0; index < DAYS; index++) {
    const date = addDays(START, index);
    const weekday = dayOfWeek(date); // 0 Sunday … 6 Saturday
    if (weekday === 1 && scenario.onOffWeeks) off = off ? random() < 0.5 : random() < 0.2;
    if (scenario.flareUps && index > flareUntil && random() < 0.02) flareUntil = index + 7 + Math.floor(random() * 15);
    const flare = index <= flareUntil ? 3 : 1;

    // Runs first (a session on a run day is done after the run).
    const runToday =
      weekday === 2 || weekday === 4 || weekday === 0 || (weekday === 6 && random() < 0.7) || (weekday === 3 && random() < 0.3);
    if (runToday) {
      const distanceMetres = Math.round(weekday === 0 ? 14_000 + random() * 8_000 : 5_000 + random() * 5_000);
      const daysSince = index - lastSession;
      const hazard = (daysSince >= 7 ? scenario.hazardRatio : 1) * flare;
      const onset = Math.max(10, Math.round(16_000 * Math.sqrt(-Math.log(1 - random()) / hazard)));
      const pain = onset < distanceMetres;
      runs.push({
        id: runs.length + 1,
        localDate: date,
        distanceMetres,
        painStatus: pain ? 'pain' : 'none',
        sites: pain ? [{ onsetMetres: onset, location: 'lateral_knee', side: 'left', presentAtStart: false }] : [],
        cutShort: false,
      });
      if (pain && scenario.reactive) reactiveUntil = index + 7;
    }

    let session = false;
    if (index <= reactiveUntil) session = random() < 0.85;
    else if (!off) {
      if (scenario.routine === 'mon-wed-fri') session = (weekday === 1 || weekday === 3 || weekday === 5) && random() < 0.9;
      else if (scenario.routine === 'wed-sat-sun') session = (weekday === 3 || weekday === 6 || weekday === 0) && random() < 0.9;
      else session = random() < 3 / 7;
    }
    if (session) {
      sessions.push(date);
      lastSession = index;
    }
  }
  return {
    runs,
    gluteSessionDates: sessions,
    beforeRunSessionDates: [],
    plans: [{ effectiveFrom: START, kind: 'per_week', sessionsPerWeek: 3, everyNDays: null }],
  };
}

/** The history as it stood at the end of `lastDate`. */
function asOf(history: InsightsHistory, lastDate: string): InsightsHistory {
  return {
    runs: history.runs.filter((run) => run.localDate <= lastDate),
    gluteSessionDates: history.gluteSessionDates.filter((date) => date <= lastDate),
    beforeRunSessionDates: [],
    plans: history.plans,
  };
}

export interface ScenarioResult {
  scenario: Scenario;
  years: number;
  /** Years with a claim at some weekly look (either direction). */
  claims: number;
  claimsEarlier: number;
  /** Years in which the naive rule (Wald p < 0.05 at any look) would have claimed. */
  naiveClaims: number;
  onsetsPerYear: number;
}

/** Looks weekly from week 4 to 52 at `years` runner-years of a scenario. */
export function runScenario(scenario: Scenario, years: number, seed: number): ScenarioResult {
  let claims = 0;
  let claimsEarlier = 0;
  let naiveClaims = 0;
  let onsets = 0;
  for (let year = 0; year < years; year++) {
    const history = simulateRunnerYear(scenario, seed * 1_000_003 + year);
    onsets += history.runs.filter((run) => run.painStatus === 'pain').length;
    let claimed: string | null = null;
    let naive = false;
    for (let week = 4; week <= 52; week++) {
      const look = computeInsights(asOf(history, addDays(START, week * 7 - 1)), defaultInsightsFilters, 1);
      if (look.model.exposure !== null && look.model.exposure.waldP < 0.05) naive = true;
      if (look.verdict === 'earlier_when_skipped' || look.verdict === 'later_when_skipped') claimed ??= look.verdict;
    }
    if (claimed !== null) claims += 1;
    if (claimed === 'earlier_when_skipped') claimsEarlier += 1;
    if (naive) naiveClaims += 1;
  }
  return { scenario, years, claims, claimsEarlier, naiveClaims, onsetsPerYear: onsets / years };
}

/** Exact (Clopper–Pearson) two-sided 95% interval for a binomial proportion. */
export function clopperPearson(successes: number, trials: number): [number, number] {
  const quantile = (a: number, b: number, p: number) => {
    let low = 0;
    let high = 1;
    for (let step = 0; step < 100; step++) {
      const middle = (low + high) / 2;
      if (regularizedIncompleteBeta(middle, a, b) < p) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const lower = successes === 0 ? 0 : quantile(successes, trials - successes + 1, 0.025);
  const upper = successes === trials ? 1 : quantile(successes + 1, trials - successes, 0.975);
  return [lower, upper];
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function main(): void {
  const argument = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const years = argument('years', 1000);
  const seed = argument('seed', 9);
  const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? null) : null;
  console.log(`Insights proof: ${years} simulated runner-years per scenario, weekly looks from week 4 to 52, seed ${seed}.`);
  console.log('');
  console.log('| scenario | runner-years | onsets a year | claims (any look) | 95% interval | naive Wald p < 0.05 at any look |');
  console.log('|---|---:|---:|---:|---|---:|');
  let failed = false;
  // --part k/n runs every n-th scenario from the k-th (1-based), to split the work over processes.
  const part = process.argv.includes('--part') ? (process.argv[process.argv.indexOf('--part') + 1] ?? '1/1').split('/').map(Number) : [1, 1];
  for (const [index, scenario] of scenarios.entries()) {
    if (only !== null && !scenario.name.toLowerCase().includes(only.toLowerCase())) continue;
    if (index % part[1]! !== part[0]! - 1) continue;
    const started = Date.now();
    const result = runScenario(scenario, years, seed);
    const [lower, upper] = clopperPearson(result.claims, result.years);
    const effect = scenario.hazardRatio !== 1;
    const rate = result.claims / result.years;
    const shown = effect ? `power ${percent(result.claimsEarlier / result.years)} (wrong way ${result.claims - result.claimsEarlier})` : percent(rate);
    console.log(
      `| ${scenario.name} | ${result.years} | ${result.onsetsPerYear.toFixed(0)} | ${shown} | ${percent(lower)}–${percent(upper)} | ${percent(result.naiveClaims / result.years)} |`,
    );
    console.error(`  (${scenario.name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (!effect && (rate > 0.05 || upper > 0.065)) failed = true;
    if (effect && result.claimsEarlier / result.years < 0.45) failed = true;
  }
  console.log('');
  console.log(failed ? 'NOT MET: a false-claim rate above 5% (or its upper bound above 6.5%), or power below 45%.' : 'Met: every no-effect scenario ≤ 5% (upper bound ≤ 6.5%); power ≥ 45%.');
  if (failed) process.exitCode = 1;
}

if (process.argv[1]?.endsWith('prove-insights.ts')) main();
