/**
 * OSTRC-O2 scoring against the published scheme (Clarsen et al. 2020; the `ostRc` R package):
 * answers 0/8/17/25, severity the sum, Q1 the gatekeeper, "substantial" = Q1 = 25 or Q2 ≥ 17 or
 * Q3 ≥ 17. Every branch, and every one of the 1 + 3·4³ = 193 possible answer sets by brute force
 * against a transcription of the rule.
 */
import { describe, expect, it } from 'vitest';
import { ostrcAnswerScores, ostrcAnswersProblem, ostrcQuestions, scoreOstrc, type OstrcAnswers } from '../../src-main/shared/ostrc';
import { ostrcDraftSchema } from '../../src-main/shared/contract-clinic';

describe('OSTRC-O2 scoring', () => {
  it('has four questions of four answers each, scored 0, 8, 17, 25', () => {
    expect(ostrcQuestions.map((question) => question.answers.length)).toEqual([4, 4, 4, 4]);
    expect(ostrcAnswerScores).toEqual([0, 8, 17, 25]);
    expect(ostrcQuestions[0].answers[0]).toBe('Full participation without knee problems');
  });

  it('gatekeeper: full participation without knee problems scores 0 and asks nothing more', () => {
    expect(scoreOstrc({ q1: 0, q2: null, q3: null, q4: null })).toEqual({ severity: 0, substantial: false, problem: false });
    expect(ostrcAnswersProblem({ q1: 0, q2: 8, q3: null, q4: null })).toMatch(/not asked/);
    expect(() => scoreOstrc({ q1: 0, q2: 0, q3: 0, q4: 0 })).toThrow(/not asked/);
  });

  it('after any other first answer, all of questions 2–4 are needed', () => {
    expect(ostrcAnswersProblem({ q1: 8, q2: 0, q3: null, q4: 0 })).toBe('Answer question 3 too.');
    expect(ostrcAnswersProblem({ q1: 17, q2: null, q3: 0, q4: 0 })).toBe('Answer question 2 too.');
    expect(ostrcAnswersProblem({ q1: 25, q2: 0, q3: 0, q4: 5 })).toBe('Answer question 4 too.');
    expect(ostrcAnswersProblem({ q1: 10, q2: 0, q3: 0, q4: 0 })).toMatch(/question 1/);
  });

  it('severity is the sum: a knee problem with nothing modified is still a problem, not substantial', () => {
    expect(scoreOstrc({ q1: 8, q2: 0, q3: 0, q4: 8 })).toEqual({ severity: 16, substantial: false, problem: true });
    expect(scoreOstrc({ q1: 8, q2: 8, q3: 8, q4: 25 })).toEqual({ severity: 49, substantial: false, problem: true });
  });

  it('substantial: cannot participate (Q1 = 25), whatever else', () => {
    expect(scoreOstrc({ q1: 25, q2: 0, q3: 0, q4: 0 })).toMatchObject({ severity: 25, substantial: true });
  });

  it('substantial: training modified to a moderate or major extent (Q2 ≥ 17)', () => {
    expect(scoreOstrc({ q1: 17, q2: 17, q3: 0, q4: 0 })).toMatchObject({ severity: 34, substantial: true });
    expect(scoreOstrc({ q1: 8, q2: 25, q3: 0, q4: 0 })).toMatchObject({ substantial: true });
  });

  it('substantial: performance reduced to a moderate or major extent (Q3 ≥ 17)', () => {
    expect(scoreOstrc({ q1: 8, q2: 8, q3: 17, q4: 0 })).toMatchObject({ severity: 33, substantial: true });
  });

  it('pain alone (Q4), however severe, is not a substantial problem; reduced participation (Q1 = 17) alone is not either', () => {
    expect(scoreOstrc({ q1: 8, q2: 0, q3: 0, q4: 25 })).toMatchObject({ substantial: false });
    expect(scoreOstrc({ q1: 17, q2: 8, q3: 8, q4: 25 })).toMatchObject({ severity: 58, substantial: false });
  });

  it('the maximum is 100', () => {
    expect(scoreOstrc({ q1: 25, q2: 25, q3: 25, q4: 25 })).toEqual({ severity: 100, substantial: true, problem: true });
  });

  it('every possible answer set scores as the published rule says', () => {
    const sets: OstrcAnswers[] = [{ q1: 0, q2: null, q3: null, q4: null }];
    for (const q1 of [8, 17, 25] as const) for (const q2 of ostrcAnswerScores) for (const q3 of ostrcAnswerScores) for (const q4 of ostrcAnswerScores) sets.push({ q1, q2, q3, q4 });
    expect(sets).toHaveLength(193);
    for (const answers of sets) {
      const score = scoreOstrc(answers);
      const [q2, q3, q4] = [answers.q2 ?? 0, answers.q3 ?? 0, answers.q4 ?? 0];
      expect(score.severity).toBe(answers.q1 + q2 + q3 + q4);
      expect(score.substantial).toBe(answers.q1 === 25 || q2 >= 17 || q3 >= 17);
      expect(score.severity).toBeGreaterThanOrEqual(0);
      expect(score.severity).toBeLessThanOrEqual(100);
    }
  });

  it('the window’s schema refuses what the scoring refuses, with the same words', () => {
    const refused = ostrcDraftSchema.safeParse({ weekStart: '2026-11-23', q1: 17, q2: 8, q4: 0 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Answer question 3 too.');
    expect(ostrcDraftSchema.safeParse({ weekStart: '2026-11-23', q1: 9 }).error?.issues[0]?.message).toBe('Pick one of the four answers.');
    expect(ostrcDraftSchema.parse({ weekStart: '2026-11-23', q1: 0 })).toEqual({ weekStart: '2026-11-23', q1: 0, q2: null, q3: null, q4: null });
  });
});
