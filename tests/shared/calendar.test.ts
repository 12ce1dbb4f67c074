import { describe, expect, it } from 'vitest';
import { addDays, datesFrom, dayOfWeek, daysBetween, weekStart } from '../../src-main/shared/calendar';

describe('calendar arithmetic on local dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days, whatever daylight saving does to the clock', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // UK clocks change on the 29th
    expect(daysBetween('2026-11-21', '2026-11-14')).toBe(-7);
  });

  it('knows the day of the week and the start of a week', () => {
    expect(dayOfWeek('2026-11-21')).toBe(6); // a Saturday
    expect(weekStart('2026-11-21', 1)).toBe('2026-11-16');
    expect(weekStart('2026-11-21', 0)).toBe('2026-11-15');
    expect(weekStart('2026-11-21', 6)).toBe('2026-11-21');
    expect(weekStart('2026-11-16', 1)).toBe('2026-11-16');
  });

  it('lists every date in a range', () => {
    expect(datesFrom('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(datesFrom('2026-01-02', '2026-01-01')).toEqual([]);
  });
});
