/**
 * The runner's own clock and calendar, as the renderer sees them, and the one way dates and
 * times are written in the window: Intl in the system's locale (Electron passes the app's
 * locale to the window as navigator.language), 12- or 24-hour as that locale writes it. The
 * date and time inputs are native, so Chromium draws them in the same locale.
 */

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const system = systemTimeZone();
  return zones.includes(system) ? zones : [system, ...zones];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today's local date, YYYY-MM-DD. */
export function todayLocalDate(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The local time now, HH:mm, rounded down to five minutes. */
export function nowLocalTime(now = new Date()): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes() - (now.getMinutes() % 5))}`;
}

/** The locale every date and time in the window is written in (undefined: the system's). */
let displayLocale: string | undefined;

/** Tests pin the locale; the app leaves it to the system. */
export function setDisplayLocale(locale: string | undefined): void {
  displayLocale = locale;
  formatters.clear();
}

/**
 * One Intl.DateTimeFormat per format, made once for the display locale: Date's toLocale…String
 * builds a new formatter on every call (ECMA-402: it is `new Intl.DateTimeFormat(locales,
 * options).format(date)`), which cost the Insights page seconds over ten years of dates. The
 * same locale and options give the same text.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let made = formatters.get(name);
  if (made === undefined) {
    made = new Intl.DateTimeFormat(displayLocale, options);
    formatters.set(name, made);
  }
  return made;
}

/** A YYYY-MM-DD calendar date as a Date at its UTC midnight (formatted with timeZone: 'UTC'). */
function utcMidnight(localDate: string): Date {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/**
 * "Sun, 29 Nov 2026" (en-GB) / "Sun, Nov 29, 2026" (en-US) for a YYYY-MM-DD calendar date; no
 * time zone involved. Without the year when `withYear` is false ("Sun, 29 Nov").
 */
export function formatLocalDate(localDate: string, withYear = true): string {
  return formatter(withYear ? 'weekday-date-year' : 'weekday-date', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(utcMidnight(localDate));
}

/** True when the locale writes a 24-hour clock (en-GB, de), false for 12-hour (en-US). */
export function uses24HourClock(locale = displayLocale): boolean {
  const cycle = (locale === displayLocale ? formatter('hour', { hour: 'numeric' }) : new Intl.DateTimeFormat(locale, { hour: 'numeric' })).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

/** "07:30" (24-hour locales) or "7:30 AM" (12-hour locales) for a HH:mm clock time. */
export function formatLocalTime(localTime: string): string {
  const [hours, minutes] = localTime.split(':').map(Number) as [number, number];
  const twentyFour = uses24HourClock();
  return formatter(twentyFour ? 'time-24' : 'time-12', {
    hour: twentyFour ? '2-digit' : 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2000, 0, 1, hours, minutes)));
}

/** "29 Nov 2026" (en-GB) / "Nov 29, 2026" (en-US) for a YYYY-MM-DD calendar date: no weekday (tables, chart axes). */
export function formatShortDate(localDate: string): string {
  return formatter('date-year', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utcMidnight(localDate));
}

/** "29 Nov" style axis label for a YYYY-MM-DD date (charts). */
export function formatAxisDate(localDate: string): string {
  return formatter('date', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(utcMidnight(localDate));
}

/** A UTC instant (ISO 8601) on this computer's clock, in the window's one format: "Sun, 29 Nov 2026, 07:30". */
export function formatInstant(isoInstant: string): string {
  const twentyFour = uses24HourClock();
  // (Not cached: it writes the computer's zone, which can change while the app runs.)
  return new Date(isoInstant).toLocaleString(displayLocale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: twentyFour ? '2-digit' : 'numeric',
    minute: '2-digit',
  });
}
