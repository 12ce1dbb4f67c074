import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { painSavedMessage, plural, runName } from '../../src-renderer/src/wording';
import { setDisplayLocale } from '../../src-renderer/src/local-clock';
import { summariseCounts } from '../../src-renderer/src/components/settings/backup-words';

beforeEach(() => setDisplayLocale('en-GB'));
afterEach(() => setDisplayLocale(undefined));

describe('wording the runner reads', () => {
  it('counts in singular and plural', () => {
    expect(plural(1, 'run', 'runs')).toBe('1 run');
    expect(plural(2, 'run', 'runs')).toBe('2 runs');
    expect(plural(0, 'day', 'days')).toBe('0 days');
    expect(plural(1, 'recovery entry', 'recovery entries')).toBe('1 recovery entry');
    expect(plural(1200, 'run', 'runs')).toBe('1,200 runs');
  });

  it('names two runs on one day apart, by their start time', () => {
    const morning = runName({ localDate: '2026-11-29', localTime: '07:00' });
    const evening = runName({ localDate: '2026-11-29', localTime: '18:30' });
    expect(morning).toBe('the run of Sun, 29 Nov 2026 at 07:00');
    expect(evening).toBe('the run of Sun, 29 Nov 2026 at 18:30');
  });

  it('calls a saved pain record a pain note, the same on every page', () => {
    expect(painSavedMessage({ localDate: '2026-11-29', localTime: '07:00' })).toBe('Saved the pain note for the run of Sun, 29 Nov 2026 at 07:00.');
  });

  it('summarises an export or import per table, never "1 recovery entries"', () => {
    expect(summariseCounts({ runs: 1, recovery_entries: 1, pain_checkins: 3 })).toBe('1 run, 1 check-in'.replace('1 check-in', '3 check-ins') + ', 1 recovery entry');
    expect(summariseCounts({ runs: 0 })).toBe('nothing new');
  });
});
