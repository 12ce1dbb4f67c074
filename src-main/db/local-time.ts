import { DateTime } from 'luxon';

/**
 * Turns a date and wall-clock time in an IANA zone into a UTC instant.
 * A time that does not exist (the hour skipped when clocks go forward) moves forward by the
 * gap, as a runner's watch would; an ambiguous time (the hour repeated when clocks go back)
 * takes the earlier of the two.
 */
export function localToUtc(localDate: string, localTime: string, timeZone: string): Date {
  const local = DateTime.fromISO(`${localDate}T${localTime}`, { zone: timeZone });
  if (!local.isValid) throw new Error(`Invalid local time ${localDate}T${localTime} in ${timeZone}: ${local.invalidReason}`);
  return local.toJSDate();
}

/** The local calendar date and clock time of an instant in a zone. */
export function utcToLocal(instant: Date, timeZone: string): { localDate: string; localTime: string } {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return { localDate: local.toISODate()!, localTime: local.toFormat('HH:mm') };
}

/** ISO 8601 UTC with whole seconds: 2026-11-21T07:30:00Z. */
export function isoUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
