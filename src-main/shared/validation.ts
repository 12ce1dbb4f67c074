/** Small checks shared by the input schemas. Pure: no node, no electron. */

/** True for a real calendar date written YYYY-MM-DD (no 31 February). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a wall-clock time written HH:mm (24-hour). */
export function isClockTime(text: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  return !!match && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/** Zones already found known: building an Intl.DateTimeFormat costs ~30 µs, and every stored run checks its zone. */
const KNOWN_TIME_ZONES = new Set<string>();

/** True for an IANA time zone this machine knows ("Europe/London", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  if (KNOWN_TIME_ZONES.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  if (KNOWN_TIME_ZONES.size < 1000) KNOWN_TIME_ZONES.add(name);
  return true;
}
