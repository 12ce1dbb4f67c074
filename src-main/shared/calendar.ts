/**
 * Calendar-day arithmetic on local dates written YYYY-MM-DD. A local date names a day on the
 * runner's own calendar; no time zone is involved once it is a date, so these use UTC
 * internally only as a proleptic calendar (no DST, every day 24 h).
 */
import type { WeekStartDay } from './domain';

const DAY_MS = 86_400_000;

function toDayNumber(localDate: string): number {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(localDate: string, days: number): string {
  return fromDayNumber(toDayNumber(localDate) + days);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(localDate: string): number {
  return (toDayNumber(localDate) + 4) % 7; // 1970-01-01 was a Thursday
}

/** The first day of the week that holds `localDate`. */
export function weekStart(localDate: string, weekStartsOn: WeekStartDay): string {
  const offset = (dayOfWeek(localDate) - weekStartsOn + 7) % 7;
  return addDays(localDate, -offset);
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = toDayNumber(from), last = toDayNumber(to); day <= last; day++) dates.push(fromDayNumber(day));
  return dates;
}

const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A local date (YYYY-MM-DD) as the runner knows it in a sentence: "Wed 4 Dec", with the year
 * when it is not `currentYear` ("Thu 25 Oct 2012"). English words, as every message of main.
 */
export function dayWords(localDate: string, currentYear: number): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const weekday = SHORT_WEEKDAYS[new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay()] ?? '';
  return `${weekday} ${day ?? ''} ${SHORT_MONTHS[(month ?? 1) - 1] ?? ''}${year === currentYear ? '' : ` ${year ?? ''}`}`;
}
