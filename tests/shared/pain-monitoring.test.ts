/**
 * The pain-monitoring model (Silbernagel et al. 2007; Vincent & Vincent 2017): zones 0–2 safe,
 * 3–5 acceptable, above 5 too much; not settled by the next morning, or rising week on week,
 * is a warning. Every message names the source and says it is not a diagnosis.
 */
import { describe, expect, it } from 'vitest';
import { judgeRunPain, painWarnings, painZone } from '../../src-main/shared/pain-monitoring';

describe('the pain-monitoring model', () => {
  it('zones at their edges', () => {
    expect([0, 1, 2, 3, 5, 6, 10].map(painZone)).toEqual(['safe', 'safe', 'safe', 'acceptable', 'acceptable', 'too_much', 'too_much']);
  });

  it('a run: the light follows the worst score given; no score, no light', () => {
    expect(judgeRunPain({ during: null, after: null, nextMorning: null })).toBeNull();
    expect(judgeRunPain({ during: 2, after: 1, nextMorning: 0 })).toMatchObject({ light: 'green', worstScore: 2 });
    expect(judgeRunPain({ during: 4, after: 5, nextMorning: 1 })).toMatchObject({ light: 'amber', worstScore: 5, notSettled: false });
    expect(judgeRunPain({ during: 3, after: 7, nextMorning: null })).toMatchObject({ light: 'red', zone: 'too_much' });
  });

  it('acceptable pain that has not settled by the next morning is red', () => {
    const judgement = judgeRunPain({ during: 4, after: 4, nextMorning: 3 })!;
    expect(judgement).toMatchObject({ light: 'red', zone: 'acceptable', notSettled: true });
    expect(judgement.message).toContain('Not settled by the next morning (3/10)');
  });

  it('every message is guidance naming its source, never a diagnosis', () => {
    for (const scores of [{ during: 1, after: null, nextMorning: null }, { during: 4, after: null, nextMorning: null }, { during: 8, after: 8, nextMorning: 6 }]) {
      const message = judgeRunPain(scores)!.message;
      expect(message).toContain('Silbernagel');
      expect(message).toContain('not a diagnosis');
    }
    expect(judgeRunPain({ during: 4, after: null, nextMorning: null })!.message).toContain('Check how it is the next morning.');
  });

  it('weekly warnings: above 5, not settled, rising from the week before', () => {
    const warnings = painWarnings([
      { weekStart: '2026-11-09', runs: 3, worstScore: 3, notSettledRuns: 0, risingFromLastWeek: false },
      { weekStart: '2026-11-16', runs: 2, worstScore: 6, notSettledRuns: 1, risingFromLastWeek: true },
    ]);
    expect(warnings.map((warning) => warning.kind)).toEqual(['too_much', 'not_settled', 'rising']);
    expect(warnings.every((warning) => warning.weekStart === '2026-11-16')).toBe(true);
    expect(warnings[1]!.message).toBe('1 run still hurt above 2/10 the next morning.');
  });
});
