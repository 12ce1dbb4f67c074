/**
 * Training load: how this week's running compares with what the runner is used to.
 *
 * The acute:chronic workload ratio with exponentially weighted moving averages (EWMA), as
 * proposed by Williams, West, Cross & Stokes (2017), "Better way to determine the acute:chronic
 * workload ratio?", Br J Sports Med 51:209–210. Each average follows
 *   EWMA_today = λ · distance_today + (1 − λ) · EWMA_yesterday,   λ = 2 / (N + 1),
 * with N = 7 days for the acute and N = 28 days for the chronic average.
 *
 * Caution for anyone reading the numbers: the ratio and its thresholds are disputed. The
 * 0.8–1.3 "sweet spot" and the 1.5 "danger zone" come from team-sport cohorts (Gabbett 2016),
 * and Impellizzeri et al. (2020), "Acute:chronic workload ratio: conceptual issues and
 * fundamental pitfalls", Int J Sports Physiol Perform 15:907–913, argue that ratios of this kind
 * are statistical artefacts of little value for predicting injury. Stance shows a jump as
 * "you ran much more than usual", not as an injury risk.
 */

export interface DailyDistance {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  distanceMetres: number;
}

export interface TrainingLoadDay {
  date: string;
  /** Total distance that day (0 on a rest day). */
  distanceMetres: number;
  /** 7-day EWMA of daily distance, metres per day. */
  acute: number;
  /** 28-day EWMA of daily distance, metres per day. */
  chronic: number;
  /** acute / chronic; null during the first `chronicDays` days of the log or when chronic is 0. */
  ratio: number | null;
}

export interface AcuteChronicOptions {
  /** Span N of the acute average, in days. Default 7. */
  acuteDays?: number;
  /** Span N of the chronic average, in days; also the warm-up before any ratio. Default 28. */
  chronicDays?: number;
  /** A day whose ratio is above this is listed as a jump. Default 1.5. */
  jumpAbove?: number;
}

export interface AcuteChronicLoad {
  /** Every calendar day from the first to the last date given, rest days included. */
  days: TrainingLoadDay[];
  /** The days whose ratio exceeds `jumpAbove`, in date order. */
  jumps: TrainingLoadDay[];
}

const MILLISECONDS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 for a YYYY-MM-DD calendar date. Date.UTC is used only as a calendar
 * (no time zone or daylight saving enters): the dates are already the runner's local dates.
 */
export function calendarDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`"${date}" is not a date in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const milliseconds = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(milliseconds);
  if (roundTrip.getUTCFullYear() !== year || roundTrip.getUTCMonth() !== month - 1 || roundTrip.getUTCDate() !== day) {
    throw new RangeError(`"${date}" is not a real calendar date`);
  }
  return milliseconds / MILLISECONDS_PER_DAY;
}

/** The YYYY-MM-DD calendar date of a day number from calendarDayNumber. */
export function calendarDate(dayNumber: number): string {
  return new Date(dayNumber * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The daily distance series from the first to the last date: days without a run are 0 and
 * several runs on one date are added together. Input may be in any order.
 */
export function dailyDistanceSeries(days: readonly DailyDistance[]): DailyDistance[] {
  const metresByDay = new Map<number, number>();
  for (const { date, distanceMetres } of days) {
    if (!Number.isFinite(distanceMetres) || distanceMetres < 0) {
      throw new RangeError(`Distance on ${date} is ${distanceMetres}; it must be a finite number of metres ≥ 0`);
    }
    const dayNumber = calendarDayNumber(date);
    metresByDay.set(dayNumber, (metresByDay.get(dayNumber) ?? 0) + distanceMetres);
  }
  if (metresByDay.size === 0) return [];
  const dayNumbers = [...metresByDay.keys()];
  const first = Math.min(...dayNumbers);
  const last = Math.max(...dayNumbers);
  const series: DailyDistance[] = [];
  for (let dayNumber = first; dayNumber <= last; dayNumber++) {
    series.push({ date: calendarDate(dayNumber), distanceMetres: metresByDay.get(dayNumber) ?? 0 });
  }
  return series;
}

/** λ = 2 / (N + 1), the EWMA decay for a span of N days (Williams et al. 2017). */
export function ewmaDecay(spanDays: number): number {
  if (!(spanDays >= 1) || !Number.isFinite(spanDays)) throw new RangeError(`An average's span must be at least 1 day, got ${spanDays}`);
  return 2 / (spanDays + 1);
}

/**
 * Exponentially weighted moving average of a daily series, started at 0 on the day before the
 * first value. Williams et al. do not say how to start it; starting at 0 means "no running
 * before the log began", which understates the chronic average early on (after 28 days the
 * start still carries (1 − 2/29)^28 ≈ 14% of the chronic weight, after 56 days about 2%).
 */
export function exponentiallyWeightedAverages(values: readonly number[], spanDays: number): number[] {
  const lambda = ewmaDecay(spanDays);
  let average = 0;
  return values.map((value) => {
    average = lambda * value + (1 - lambda) * average;
    return average;
  });
}

/**
 * Acute:chronic ratio of daily running distance for every day of the log, and the days where
 * it jumps above `jumpAbove` (1.5 by default; see the caution at the top of this module).
 *
 * The ratio is null for the first `chronicDays` − 1 days (it first appears on day 28 of the
 * log, when 28 days of history exist) and whenever the chronic average is 0. Dates are the
 * runner's local calendar dates (YYYY-MM-DD); invalid dates and negative or non-finite
 * distances throw a RangeError. Empty input gives no days and no jumps.
 */
export function acuteChronicRatio(days: readonly DailyDistance[], options: AcuteChronicOptions = {}): AcuteChronicLoad {
  const acuteDays = options.acuteDays ?? 7;
  const chronicDays = options.chronicDays ?? 28;
  const jumpAbove = options.jumpAbove ?? 1.5;
  if (!(chronicDays >= acuteDays)) throw new RangeError('The chronic span must be at least as long as the acute span');

  const series = dailyDistanceSeries(days);
  const distances = series.map((day) => day.distanceMetres);
  const acute = exponentiallyWeightedAverages(distances, acuteDays);
  const chronic = exponentiallyWeightedAverages(distances, chronicDays);
  const loadDays = series.map((day, index): TrainingLoadDay => {
    const acuteToday = acute[index] ?? 0;
    const chronicToday = chronic[index] ?? 0;
    const enoughHistory = index + 1 >= chronicDays;
    return {
      date: day.date,
      distanceMetres: day.distanceMetres,
      acute: acuteToday,
      chronic: chronicToday,
      ratio: enoughHistory && chronicToday > 0 ? acuteToday / chronicToday : null,
    };
  });
  return { days: loadDays, jumps: loadDays.filter((day) => day.ratio !== null && day.ratio > jumpAbove) };
}
