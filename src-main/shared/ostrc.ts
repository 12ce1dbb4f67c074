/**
 * The OSTRC Overuse Injury Questionnaire, second version (OSTRC-O2), asked about the knee.
 *
 * Source: Clarsen B, Bahr R, Myklebust G, et al. Improved reporting of overuse injuries and health
 * problems in sport: an update of the Oslo Sport Trauma Research Center questionnaires.
 * Br J Sports Med 2020;54:390–396, doi 10.1136/bjsports-2019-101337. Scoring as in the authors'
 * R package `ostRc`: four questions about the past 7 days, each answered on four levels scored
 * 0, 8, 17 and 25; the severity score is their sum, 0–100. Question 1 is the gatekeeper: "full
 * participation without knee problems" ends the questionnaire and every other answer scores 0.
 * A *substantial problem* is Q1 = 25 (cannot participate), or Q2 ≥ 17, or Q3 ≥ 17 (a moderate or
 * major reduction in training or in performance).
 *
 * The wording below is the published English wording as far as we could reproduce it without the
 * paper at hand, with "health problem" narrowed to "knee problems" as the authors advise for a
 * body-area version (README, "Weekly knee check", says which parts we could not check).
 *
 * Pure: no node or electron imports; the renderer and the main process both use it.
 */

/** The only scores an answer can carry (the O2 four-level scale). */
export const ostrcAnswerScores = [0, 8, 17, 25] as const;
export type OstrcAnswerScore = (typeof ostrcAnswerScores)[number];

export interface OstrcQuestion {
  /** 1–4, the number in the published questionnaire. */
  number: 1 | 2 | 3 | 4;
  /** What the runner is asked, about the past 7 days. */
  text: string;
  /** The four answers, in the order shown, scored 0, 8, 17, 25. */
  answers: readonly [string, string, string, string];
}

export const ostrcQuestions: readonly [OstrcQuestion, OstrcQuestion, OstrcQuestion, OstrcQuestion] = [
  {
    number: 1,
    text: 'Have you had any difficulties participating in normal training and competition due to knee problems during the past 7 days?',
    answers: [
      'Full participation without knee problems',
      'Full participation, but with knee problems',
      'Reduced participation due to knee problems',
      'Cannot participate due to knee problems',
    ],
  },
  {
    number: 2,
    text: 'To what extent have you modified your training or competition due to knee problems during the past 7 days?',
    answers: ['No modification', 'To a minor extent', 'To a moderate extent', 'To a major extent'],
  },
  {
    number: 3,
    text: 'To what extent have knee problems affected your performance during the past 7 days?',
    answers: ['No effect', 'To a minor extent', 'To a moderate extent', 'To a major extent'],
  },
  {
    number: 4,
    text: 'To what extent have you experienced knee pain related to your sport during the past 7 days?',
    answers: ['No pain', 'Mild pain', 'Moderate pain', 'Severe pain'],
  },
];

/**
 * One week's answers as scores. q2–q4 are null when Q1 was "full participation without knee
 * problems" (the gatekeeper: not asked).
 */
export interface OstrcAnswers {
  q1: OstrcAnswerScore;
  q2: OstrcAnswerScore | null;
  q3: OstrcAnswerScore | null;
  q4: OstrcAnswerScore | null;
}

export interface OstrcScore {
  /** 0–100: the sum of the four answers' scores (unasked answers score 0). */
  severity: number;
  /** Q1 = 25, or Q2 ≥ 17, or Q3 ≥ 17. */
  substantial: boolean;
  /** Any answer other than "full participation without knee problems": a knee problem that week. */
  problem: boolean;
}

export function isOstrcAnswerScore(value: unknown): value is OstrcAnswerScore {
  return (ostrcAnswerScores as readonly unknown[]).includes(value);
}

/**
 * Whether a set of answers is complete and consistent: Q1 is answered; after "full participation
 * without knee problems" (0) the others are null; after any other Q1 answer all three are given.
 *
 * @returns null when consistent, else what is wrong in the runner's words.
 */
export function ostrcAnswersProblem(answers: { q1: unknown; q2: unknown; q3: unknown; q4: unknown }): string | null {
  if (!isOstrcAnswerScore(answers.q1)) return 'Answer question 1: how the knee let you take part in running this week.';
  const rest = [answers.q2, answers.q3, answers.q4];
  if (answers.q1 === 0) {
    return rest.every((answer) => answer === null) ? null : 'With full participation and no knee problems, questions 2 to 4 are not asked.';
  }
  const missing = rest.findIndex((answer) => !isOstrcAnswerScore(answer));
  return missing === -1 ? null : `Answer question ${missing + 2} too.`;
}

/**
 * The OSTRC-O2 severity score (0–100) and whether the week was a substantial problem.
 * Scoring as in `ostRc` (Clarsen et al. 2020): sum of the four answers; an unasked answer
 * (gatekeeper Q1 = 0) scores 0.
 *
 * @throws Error when the answers are not consistent (see ostrcAnswersProblem).
 */
export function scoreOstrc(answers: OstrcAnswers): OstrcScore {
  const problem = ostrcAnswersProblem(answers);
  if (problem !== null) throw new Error(problem);
  const q2 = answers.q2 ?? 0;
  const q3 = answers.q3 ?? 0;
  const q4 = answers.q4 ?? 0;
  return {
    severity: answers.q1 + q2 + q3 + q4,
    substantial: answers.q1 === 25 || q2 >= 17 || q3 >= 17,
    problem: answers.q1 !== 0,
  };
}

/** One week's questionnaire as stored and shown. */
export interface OstrcWeek extends OstrcAnswers, OstrcScore {
  id: number;
  /** The first day of the runner's week the answers are about (YYYY-MM-DD, their calendar). */
  weekStart: string;
  /** When it was answered (ISO 8601 UTC). */
  answeredAt: string;
}

/** The short citation shown beside the questionnaire and on the report. */
export const OSTRC_SOURCE = 'OSTRC-O2 (Clarsen et al., Br J Sports Med 2020; doi 10.1136/bjsports-2019-101337)';
