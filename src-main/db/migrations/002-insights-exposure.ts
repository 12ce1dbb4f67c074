/**
 * Migration 2: what the Insights' exposure and outcome need (issue 9).
 *
 * - strength_sessions.same_day_run: for a session on the day of a run, whether it was done
 *   'before' or 'after' the run. Default 'after': a session counts for a run that day only when
 *   the runner says it came first (work done after a run cannot have protected it).
 * - run_pain.present_at_start: the pain was already there when the run began (stored with
 *   onset_m = 0). Such runs are kept out of the onset analysis and shown apart.
 * - runs.cut_short_by_knee: the runner cut the run short because of the knee; the Insights show
 *   whether counting those runs as onsets where they stopped changes the answer.
 *
 * Every existing row gets the default (after / not present at start / not cut short), so a
 * database made by schema 1 keeps every record and means what it meant.
 */
export const insightsExposure = `
ALTER TABLE strength_sessions ADD COLUMN same_day_run TEXT NOT NULL DEFAULT 'after' CHECK (same_day_run IN ('before', 'after'));
ALTER TABLE run_pain ADD COLUMN present_at_start INTEGER NOT NULL DEFAULT 0 CHECK (present_at_start IN (0, 1));
ALTER TABLE runs ADD COLUMN cut_short_by_knee INTEGER NOT NULL DEFAULT 0 CHECK (cut_short_by_knee IN (0, 1));
`;
