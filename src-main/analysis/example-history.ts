/**
 * A made-up but plausible runner's history, generated from a seed: the built-in example the
 * Insights page shows a new runner (in memory only, never written to the database), and the
 * histories the tests and the benchmark write into a database (tests/support/history.ts).
 *
 * The runner: 4–5 runs a week (longer at weekends), a glute plan of 2 sessions a week that
 * becomes 3 a week a third of the way in, and spells of keeping to it and of letting it slip.
 * Their outside-of-the-knee pain begins at a distance drawn from a Weibull distribution (shape 2)
 * whose hazard, when `skippingBringsPainEarlier`, is multiplied by `hazardRatio` on runs 7+ days
 * after the last glute session — a realistic effect: with the default hazard ratio of 2, 7+ days
 * without glute work double the chance of the pain starting at any point of a run (the primary
 * model's own form, primary-model.ts). Otherwise it does not depend
 * on the glute work. Glute sessions on a run day are done after the run (the default).
 * Now and then the pain is already there at the start, and a pain-free run is cut short because
 * of the knee. Pure: a seeded PRNG (mulberry32), no clock.
 */
import { addDays, dayOfWeek } from '../shared/calendar';
import type { PainStatus } from '../shared/domain';
import type { PainLocation, PainSide } from '../shared/pain';
import type { InsightsHistory, PainSiteRecord } from './exposure';
import type { PlanTerms } from './glute-plan';

export interface ExampleOptions {
  /** The last day of the history (the example ends "today"). */
  endDate: string;
  /** How many days it covers. Default 365. */
  days?: number;
  seed?: number;
  /** Default true: skipped glute work brings the pain on earlier. */
  skippingBringsPainEarlier?: boolean;
  /** The hazard ratio of 7+ days since the last glute session against a session that day. Default 2. */
  hazardRatio?: number;
  /** Average runs a week. Default 4.5. */
  runsPerWeek?: number;
  /** Share of runs whose pain is recorded. Default 0.9. */
  recordedShare?: number;
  /** Add one pain check-in a day. Default false. */
  checkins?: boolean;
}

export interface GeneratedRun {
  localDate: string;
  localTime: string;
  distanceMetres: number;
  durationSeconds: number;
  painStatus: PainStatus;
  sites: (PainSiteRecord & { worstScore: number })[];
  cutShort: boolean;
}

export interface GeneratedCheckin {
  localDate: string;
  leftScore: number;
  rightScore: number;
}

export interface GeneratedHistory {
  runs: GeneratedRun[];
  gluteSessionDates: string[];
  plans: PlanTerms[];
  checkins: GeneratedCheckin[];
}

/** mulberry32: a small, fast, seeded 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, step: number) => Math.round(value / step) * step;

export function generateHistory(options: ExampleOptions): GeneratedHistory {
  const random = seededRandom(options.seed ?? 20_261_121);
  const days = options.days ?? 365;
  const effect = options.skippingBringsPainEarlier ?? true;
  const hazardRatio = effect ? (options.hazardRatio ?? 2) : 1;
  const runsPerWeek = options.runsPerWeek ?? 4.5;
  const recordedShare = options.recordedShare ?? 0.9;
  const start = addDays(options.endDate, -(days - 1));
  const plans: PlanTerms[] = [
    { effectiveFrom: start, kind: 'per_week', sessionsPerWeek: 2, everyNDays: null },
    { effectiveFrom: addDays(start, Math.floor(days / 3)), kind: 'per_week', sessionsPerWeek: 3, everyNDays: null },
  ];

  const gluteSessionDates: string[] = [];
  const runs: GeneratedRun[] = [];
  const checkins: GeneratedCheckin[] = [];
  let keepingToPlan = true;
  let lastSession = -99;
  for (let index = 0; index < days; index++) {
    const date = addDays(start, index);
    const weekday = dayOfWeek(date);
    // Spells: each Monday the runner may fall off (or back onto) the plan.
    if (weekday === 1) keepingToPlan = keepingToPlan ? random() > 0.3 : random() > 0.5;
    const gap = keepingToPlan ? 2 : 6;
    // Days since the last glute session before today (today's, if any, comes after the run), capped at 7.
    const daysSince = Math.min(7, index - lastSession);
    if (index - lastSession >= gap && random() < (keepingToPlan ? 0.8 : 0.35)) {
      gluteSessionDates.push(date);
      lastSession = index;
    }

    const runsPerDay = runsPerWeek / 7;
    const runsToday = Math.floor(runsPerDay) + (random() < runsPerDay - Math.floor(runsPerDay) ? 1 : 0);
    for (let runNumber = 0; runNumber < runsToday; runNumber++) {
      const weekend = weekday === 0 || weekday === 6;
      const distanceMetres = round(weekend ? 11_000 + random() * 9_000 : 5_000 + random() * 7_000, 10);
      const paceSecondsPerKm = 300 + random() * 60;
      const recorded = random() < recordedShare;
      // Weibull with shape 2 (the pain is unlikely in the first kilometre, likelier as the run goes
      // on); a hazard ratio h divides the scale by √h.
      const scaleMetres = 16_000 / Math.sqrt(daysSince >= 7 ? hazardRatio : 1);
      const onsetMetres = Math.max(10, round(scaleMetres * Math.sqrt(-Math.log(1 - random())), 10));
      let painStatus: PainStatus = 'unrecorded';
      const sites: GeneratedRun['sites'] = [];
      let cutShort = false;
      if (recorded) {
        painStatus = onsetMetres < distanceMetres ? 'pain' : 'none';
        const side: PainSide = random() < 0.75 ? 'left' : random() < 0.6 ? 'both' : 'right';
        if (random() < 0.02) {
          // Sore before the run began: not an onset.
          sites.push({ onsetMetres: 0, location: 'lateral_knee', side, worstScore: 2 + Math.floor(random() * 3), presentAtStart: true });
          painStatus = 'pain';
        } else if (painStatus === 'pain') {
          sites.push({ onsetMetres, location: 'lateral_knee', side, worstScore: 3 + Math.floor(random() * 5), presentAtStart: false });
        } else if (random() < 0.04) {
          cutShort = true;
        }
        // Now and then the front of the knee too (another filter choice on the page).
        if (random() < 0.08) {
          const frontOnset = round(10 + random() * (distanceMetres - 10), 10);
          const location: PainLocation = 'front_knee';
          sites.push({ onsetMetres: frontOnset, location, side: 'right', worstScore: 2 + Math.floor(random() * 3), presentAtStart: false });
          painStatus = 'pain';
        }
      }
      const hour = weekend ? 8 + runNumber * 8 : runNumber === 0 ? 7 : 18;
      runs.push({
        localDate: date,
        localTime: `${String(hour).padStart(2, '0')}:${random() < 0.5 ? '00' : '30'}`,
        distanceMetres,
        durationSeconds: Math.round((distanceMetres / 1000) * paceSecondsPerKm),
        painStatus,
        sites,
        cutShort,
      });
    }
    if (options.checkins) {
      const base = keepingToPlan ? 1 : 3;
      checkins.push({ localDate: date, leftScore: Math.min(10, base + Math.floor(random() * 3)), rightScore: Math.floor(random() * 2) });
    }
  }
  return { runs, gluteSessionDates, plans, checkins };
}

/** The generated history as the Insights read it (runs numbered from 1 in date order). */
export function toInsightsHistory(history: GeneratedHistory): InsightsHistory {
  return {
    runs: history.runs.map((run, index) => ({
      id: index + 1,
      localDate: run.localDate,
      distanceMetres: run.distanceMetres,
      painStatus: run.painStatus,
      sites: run.sites.map(({ onsetMetres, location, side, presentAtStart }) => ({ onsetMetres, location, side, presentAtStart })),
      cutShort: run.cutShort,
    })),
    gluteSessionDates: history.gluteSessionDates,
    beforeRunSessionDates: [],
    plans: history.plans,
  };
}

/**
 * The built-in example: a year ending on `today`, where 7+ days without glute work double the
 * hazard of the pain (hazard ratio 2). Seed 4 is one of the years in which the page reaches its
 * claim (with a real hazard ratio of 2 about half of such years do: scripts/prove-insights.ts),
 * so a new runner sees every part of the page; its estimate is about 2.
 */
export function exampleHistory(today: string): InsightsHistory {
  return toInsightsHistory(generateHistory({ endDate: today, seed: 4, days: 365 }));
}
