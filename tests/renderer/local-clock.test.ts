import { afterEach, describe, expect, it } from 'vitest';
import { formatLocalDate, formatLocalTime, nowLocalTime, setDisplayLocale, todayLocalDate, uses24HourClock } from '../../src-renderer/src/local-clock';

afterEach(() => setDisplayLocale(undefined));

describe('one date and time format, from the locale', () => {
  it('writes dates and times the British way in en-GB: 24-hour clock', () => {
    setDisplayLocale('en-GB');
    expect(formatLocalDate('2026-11-29')).toBe('Sun, 29 Nov 2026');
    expect(formatLocalTime('07:00')).toBe('07:00');
    expect(formatLocalTime('18:05')).toBe('18:05');
    expect(uses24HourClock()).toBe(true);
  });

  it('writes the American way in en-US: 12-hour clock, month first', () => {
    setDisplayLocale('en-US');
    expect(formatLocalDate('2026-11-29')).toBe('Sun, Nov 29, 2026');
    expect(formatLocalTime('07:00')).toBe('7:00 AM');
    expect(formatLocalTime('18:05')).toBe('6:05 PM');
    expect(uses24HourClock()).toBe(false);
  });

  it('never shifts a calendar date by a time zone', () => {
    setDisplayLocale('en-GB');
    expect(formatLocalDate('2026-03-29')).toBe('Sun, 29 Mar 2026'); // the clocks change in London that night
    expect(formatLocalDate('2026-01-01', false)).toBe('Thu 1 Jan');
  });

  it('reads today and now from the local clock, the time rounded down to five minutes', () => {
    const at = new Date(2026, 10, 29, 6, 58);
    expect(todayLocalDate(at)).toBe('2026-11-29');
    expect(nowLocalTime(at)).toBe('06:55');
  });
});
