/**
 * Migration 5: the check-ins a physiotherapist recognises (issue 14).
 *
 * - ostrc_weeks: one OSTRC-O2 knee questionnaire per runner's week (week_start: the first day of
 *   the week on their calendar, unique). Each answer is scored 0, 8, 17 or 25; after the gatekeeper
 *   answer "full participation without knee problems" (q1 = 0) the other three are NULL (not
 *   asked), otherwise all three are given. Severity and "substantial" are computed, not stored
 *   (shared/ostrc.ts), so a stored week can never disagree with the scoring.
 * - run_pain_followups: for a run, the worst knee pain after it (same day) and the next morning,
 *   0–10, for the pain-monitoring model (shared/pain-monitoring.ts). Deleted with its run.
 *
 * Only new tables: every older database keeps its rows as they were.
 */
export const clinicCheckins = `
CREATE TABLE ostrc_weeks (
  id          INTEGER PRIMARY KEY,
  week_start  TEXT NOT NULL UNIQUE CHECK (week_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  q1          INTEGER NOT NULL CHECK (q1 IN (0, 8, 17, 25)),
  q2          INTEGER CHECK (q2 IN (0, 8, 17, 25)),
  q3          INTEGER CHECK (q3 IN (0, 8, 17, 25)),
  q4          INTEGER CHECK (q4 IN (0, 8, 17, 25)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK ((q1 = 0 AND q2 IS NULL AND q3 IS NULL AND q4 IS NULL) OR (q1 <> 0 AND q2 IS NOT NULL AND q3 IS NOT NULL AND q4 IS NOT NULL))
) STRICT;

CREATE TABLE run_pain_followups (
  run_id              INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  after_score         INTEGER CHECK (after_score BETWEEN 0 AND 10),
  next_morning_score  INTEGER CHECK (next_morning_score BETWEEN 0 AND 10),
  updated_at          TEXT NOT NULL,
  CHECK (after_score IS NOT NULL OR next_morning_score IS NOT NULL)
) STRICT;
`;
