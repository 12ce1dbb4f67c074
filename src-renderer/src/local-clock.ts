/** The runner's own clock and calendar, as the renderer sees them. */

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

/** "Sat 21 Nov 2026" for a YYYY-MM-DD calendar date (no time zone involved). */
export function formatLocalDate(localDate: string, withYear = true): string {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}
