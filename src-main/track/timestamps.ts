/**
 * xsd:dateTime values (GPX <time>, TCX <Time>) to UTC instants.
 *
 * Accepted: `YYYY-MM-DDThh:mm:ss`, optional fraction of any length (`.2073437`), then `Z`,
 * `±hh:mm`, `±hhmm`, `±hh`, or nothing. A value with no zone designator is read as UTC — the
 * GPX schema says times are UTC — and the caller warns the runner. Date.parse is deliberately
 * not used: it reads zone-less date-times as the computer's local time.
 */

export interface IsoInstant {
  /** UTC milliseconds since 1970 (may carry a fraction of a millisecond). */
  utcMs: number;
  /** The offset written in the file (`+01:00` → 60); null for `Z` or no designator. */
  writtenOffsetMinutes: number | null;
  /** True when the value had no zone designator at all. */
  hadNoZone: boolean;
}

const DATE_TIME =
  /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** Earliest believable recording time: GPS watches did not exist before the 1990s. */
export const EARLIEST_BELIEVABLE_UTC_MS = Date.UTC(1990, 0, 1);
/** Latest believable recording time (a fixed bound keeps parsing deterministic). */
export const LATEST_BELIEVABLE_UTC_MS = Date.UTC(2100, 0, 1);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - 0x30;
  const low = text.charCodeAt(at + 1) - 0x30;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/**
 * What nearly every device writes, `YYYY-MM-DDThh:mm:ssZ` or with a fraction of a second, read
 * without a regular expression: the same arithmetic as the general path, so the same instant.
 * Anything else (an offset, a space, lower-case z…) returns undefined and goes the general way.
 */
function parseUtcTimeQuickly(text: string): IsoInstant | null | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 0x5a /* Z */) return undefined;
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54 /* T */) return undefined;
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  let second = twoDigits(text, 17);
  if (century < 0 || yearInCentury < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let fraction: string | undefined;
  if (length > 20) {
    const separator = text.charCodeAt(19);
    if ((separator !== 0x2e && separator !== 0x2c) || length === 21) return undefined;
    for (let i = 20; i < length - 1; i += 1) {
      const code = text.charCodeAt(i);
      if (code < 0x30 || code > 0x39) return undefined;
    }
    fraction = text.slice(20, length - 1);
  }
  const year = century * 100 + yearInCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || (fraction !== undefined && /[1-9]/.test(fraction)))) return null;
  if (second === 60) second = 59.999;
  let utcMs = Date.UTC(year, month - 1, day, hour, minute, 0) + second * 1000;
  if (fraction !== undefined) utcMs += Number(`0.${fraction}`) * 1000;
  return { utcMs, writtenOffsetMinutes: null, hadNoZone: false };
}

/** Parses one <time> text; null when it is not a valid date-time. */
export function parseIsoTime(text: string): IsoInstant | null {
  const quick = parseUtcTimeQuickly(text);
  if (quick !== undefined) return quick;
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  let second = Number(match[6]);
  const fraction = match[7];
  const zone = match[8];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || (fraction !== undefined && /[1-9]/.test(fraction)))) return null;
  if (second === 60) second = 59.999; // a leap second: keep the order of points, lose a millisecond
  let utcMs = Date.UTC(year, month - 1, day, hour, minute, 0) + second * 1000;
  if (fraction !== undefined) utcMs += Number(`0.${fraction}`) * 1000;
  let writtenOffsetMinutes: number | null = null;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMinutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (offsetHours > 14 || offsetMinutes > 59) return null;
    writtenOffsetMinutes = sign * (offsetHours * 60 + offsetMinutes);
    utcMs -= writtenOffsetMinutes * 60_000;
  }
  return { utcMs, writtenOffsetMinutes, hadNoZone: zone === undefined };
}

export function isBelievableRecordingTime(utcMs: number): boolean {
  return utcMs >= EARLIEST_BELIEVABLE_UTC_MS && utcMs < LATEST_BELIEVABLE_UTC_MS;
}
