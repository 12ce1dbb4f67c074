/**
 * Simulated runners for the Insights proof (scripts/prove-insights.ts) and the tests: seeded,
 * multi-year histories through the same InsightsHistory the database gives the page.
 *
 * Every runner logs runs (short runs Tuesday, Thursday and Saturday, sometimes Wednesday, a long
 * run on Sunday, unless the scenario says otherwise), glute sessions by a routine, and knee pain
 * whose onset distance is drawn from a Weibull distribution (shape 2, scale 16 km) whose hazard
 * the scenario scales. A run and a session on one day: the run first (the session after it).
 */
import { addDays, dayOfWeek } from '../src-main/shared/calendar';
import { seededRandom } from '../src-main/analysis/example-history';
import type { InsightsHistory, RunRecord } from '../src-main/analysis/exposure';

export interface Scenario {
  name: string;
  routine: 'mon-wed-fri' | 'wed-sat-sun' | 'random' | 'random-not-saturday';
  onOffWeeks: boolean;
  flareUps: boolean;
  reactive: boolean;
  /** Hazard ratio after 7+ days without glute work; 1 = no effect. */
  hazardRatio: number;
  /** Dose-response: the hazard × exp(slope · min(days since glute work, 14)) instead of a step. */
  doseSlope?: number;
  /** Winter: fewer glute sessions (× 0.35 at midwinter) and more pain (hazard × 2.5 at midwinter). */
  seasonal?: boolean;
  /** High-mileage blocks of 3–6 weeks (runs × 1.5) with no glute work; hazard rising with 14–28-day mileage. */
  mileageBlocks?: boolean;
  /** Long runs: hazard × 4 after 12 km (a late-run hazard); no session on the day before the long run. */
  lateLongRunHazard?: boolean;
  /** Pain-free runs left unnoted: 60% in weeks without glute work, 20% in others. */
  unnotedInOffWeeks?: boolean;
  /** Two runs a week (Tuesday, Saturday), eight months of each year, four months of rest. */
  twoRunsAWeek?: boolean;
}

export const START = '2025-01-06'; // a Monday
export const YEAR_DAYS = 364;

const noEffect = { onOffWeeks: true, flareUps: false, reactive: false, hazardRatio: 1 } as const;

export const scenarios: Scenario[] = [
  { name: 'Fixed Mon/Wed/Fri, long Sunday run', routine: 'mon-wed-fri', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'Fixed Wed/Sat/Sun (after the run), long Sunday run', routine: 'wed-sat-sun', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'Random routine', routine: 'random', onOffWeeks: false, flareUps: false, reactive: false, hazardRatio: 1 },
  { name: 'On/off weeks', routine: 'random', ...noEffect },
  { name: 'On/off weeks + flare-ups', routine: 'random', ...noEffect, flareUps: true },
  { name: 'Flare-ups + reactive adherence', routine: 'random', ...noEffect, flareUps: true, reactive: true },
  { name: 'Seasonal confounding (winter: fewer sessions, more pain)', routine: 'random', ...noEffect, seasonal: true },
  { name: 'Skipped in high-mileage blocks, pain with 14–28-day mileage', routine: 'random', ...noEffect, mileageBlocks: true },
  { name: 'No session before the long run, late-run hazard', routine: 'random-not-saturday', ...noEffect, lateLongRunHazard: true },
  { name: 'Pain-free runs unnoted 60% in off weeks, 20% in others', routine: 'random', ...noEffect, unnotedInOffWeeks: true },
  { name: 'Two runs a week, eight months a year', routine: 'random', ...noEffect, twoRunsAWeek: true },
  { name: 'EFFECT: HR 2 at 7+ days, on/off weeks', routine: 'random', ...noEffect, hazardRatio: 2 },
  { name: 'EFFECT: HR 2 at 7+ days, on/off weeks + flare-ups', routine: 'random', ...noEffect, flareUps: true, hazardRatio: 2 },
  { name: 'EFFECT: HR 1.5 at 7+ days, on/off weeks + flare-ups', routine: 'random', ...noEffect, flareUps: true, hazardRatio: 1.5 },
  { name: 'EFFECT: HR 3 at 7+ days, on/off weeks + flare-ups', routine: 'random', ...noEffect, flareUps: true, hazardRatio: 3 },
  { name: 'EFFECT: dose-response (× 1.1 a day without glute work), flare-ups', routine: 'random', ...noEffect, flareUps: true, hazardRatio: 1, doseSlope: Math.log(1.1) },
];

/** True for scenarios in which glute work changes the pain. */
export function hasEffect(scenario: Scenario): boolean {
  return scenario.hazardRatio !== 1 || (scenario.doseSlope ?? 0) !== 0;
}

/** One simulated runner over `years` years of 364 days from START. */
export function simulateRunner(scenario: Scenario, seed: number, years = 1): InsightsHistory {
  const random = seededRandom(seed);
  const days = YEAR_DAYS * years;
  const runs: RunRecord[] = [];
  const sessions: string[] = [];
  const dailyMetres = new Float64Array(days);
  let off = false;
  let block = false;
  let flareUntil = -1;
  let reactiveUntil = -1;
  let lastSession = -99;
  for (let index = 0; index < days; index++) {
    const date = addDays(START, index);
    const weekday = dayOfWeek(date); // 0 Sunday … 6 Saturday
    if (weekday === 1 && scenario.onOffWeeks) off = off ? random() < 0.5 : random() < 0.2;
    if (weekday === 1 && scenario.mileageBlocks) block = block ? random() < 0.75 : random() < 0.12;
    if (scenario.flareUps && index > flareUntil && random() < 0.02) flareUntil = index + 7 + Math.floor(random() * 15);
    const flare = index <= flareUntil ? 3 : 1;
    // Winter-ness: 1 at mid-January, 0 at mid-July (START is early January).
    const winter = scenario.seasonal ? (1 + Math.cos((2 * Math.PI * (index - 10)) / 365.25)) / 2 : 0;

    const dayOfYear = index % YEAR_DAYS;
    let runToday: boolean;
    if (scenario.twoRunsAWeek) runToday = dayOfYear < 243 && (weekday === 2 || weekday === 6);
    else runToday = weekday === 2 || weekday === 4 || weekday === 0 || (weekday === 6 && random() < 0.7) || (weekday === 3 && random() < 0.3);
    if (runToday) {
      const long = weekday === 0 && !scenario.twoRunsAWeek;
      let distanceMetres = Math.round(long ? 14_000 + random() * 8_000 : 5_000 + random() * 5_000);
      if (block) distanceMetres = Math.round(distanceMetres * 1.5);
      const daysSince = index - lastSession;
      let hazard = flare * (1 + 1.5 * winter);
      if (scenario.doseSlope !== undefined) hazard *= Math.exp(scenario.doseSlope * Math.min(daysSince, 14));
      else if (daysSince >= 7) hazard *= scenario.hazardRatio;
      if (scenario.mileageBlocks) {
        let metres = 0;
        for (let back = 14; back <= 28 && index - back >= 0; back++) metres += dailyMetres[index - back]!;
        // About 45 km over those 15 days in ordinary weeks, about 70 km in a block.
        hazard *= Math.exp(0.02 * (metres / 1000 - 45));
      }
      let onset: number;
      if (scenario.lateLongRunHazard && long) {
        // Cumulative hazard H(d) = (d/16 km)² · h, × 4 beyond 12 km: invert for the onset.
        const target = -Math.log(1 - random()) / hazard;
        const atTwelve = (12_000 / 16_000) ** 2;
        onset = target <= atTwelve ? 16_000 * Math.sqrt(target) : 16_000 * Math.sqrt(atTwelve + (target - atTwelve) / 4);
      } else onset = 16_000 * Math.sqrt(-Math.log(1 - random()) / hazard);
      onset = Math.max(10, Math.round(onset));
      const pain = onset < distanceMetres;
      // A pain-free run goes unnoted more often in a week with no glute work so far.
      const offWeek = index - lastSession >= 7;
      const unnoted = scenario.unnotedInOffWeeks === true && !pain && random() < (offWeek ? 0.6 : 0.2);
      runs.push({
        id: runs.length + 1,
        localDate: date,
        distanceMetres,
        painStatus: unnoted ? 'unrecorded' : pain ? 'pain' : 'none',
        sites: pain ? [{ onsetMetres: onset, location: 'lateral_knee', side: random() < 0.5 ? 'left' : 'right', presentAtStart: false }] : [],
        cutShort: false,
      });
      dailyMetres[index] = distanceMetres;
      if (pain && scenario.reactive) reactiveUntil = index + 7;
    }

    let session = false;
    if (index <= reactiveUntil) session = random() < 0.85;
    else if (!off && !block) {
      if (scenario.routine === 'mon-wed-fri') session = (weekday === 1 || weekday === 3 || weekday === 5) && random() < 0.9;
      else if (scenario.routine === 'wed-sat-sun') session = (weekday === 3 || weekday === 6 || weekday === 0) && random() < 0.9;
      else if (scenario.routine === 'random-not-saturday') session = weekday !== 6 && random() < 3 / 6;
      else session = random() < (3 / 7) * (1 - 0.65 * winter);
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
export function asOf(history: InsightsHistory, lastDate: string): InsightsHistory {
  return {
    runs: history.runs.filter((run) => run.localDate <= lastDate),
    gluteSessionDates: history.gluteSessionDates.filter((date) => date <= lastDate),
    beforeRunSessionDates: history.beforeRunSessionDates.filter((date) => date <= lastDate),
    plans: history.plans,
  };
}
