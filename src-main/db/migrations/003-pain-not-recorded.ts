/**
 * Migration 3: a run whose knee pain the runner chose to leave "not recorded" (they cannot
 * remember) stops waiting on the Pain page. Until now 'unrecorded' meant only "never asked".
 *
 * runs.pain_not_recorded is 1 when the runner said so, 0 otherwise (every existing run: still
 * waiting). Setting the run's pain to "No pain" or a pain onset sets it back to 0. The
 * Insights treat both kinds of unrecorded run alike: left out, and counted.
 */
export const painNotRecorded = `
ALTER TABLE runs ADD COLUMN pain_not_recorded INTEGER NOT NULL DEFAULT 0 CHECK (pain_not_recorded IN (0, 1));
`;
