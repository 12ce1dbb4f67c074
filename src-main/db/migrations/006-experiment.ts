/**
 * Migration 6: the randomised experiment (issue 20) — activation before a run, assigned by the
 * app, analysed by the randomisation.
 *
 * - experiment_protocols: one row per experiment, stored only once fixed. `contents` is the
 *   protocol in canonical JSON (shared/experiment.ts `canonicalProtocol`: the routine, the length,
 *   the assignment scheme, the outcome, the rule that decides, the seed) and `content_sha256` its
 *   SHA-256 (hex); `fixed_at` the UTC instant it was fixed. Stopping early sets `stopped_at` and
 *   `stop_reason` once.
 * - experiment_assignments: one per assignment unit (a run day, or a week), drawn once from the
 *   protocol's seed and stored: `unit_index` (0, 1, …), `arm`, `drawn_at`; `local_date` is the
 *   run day it was used on (set once, by the first run linked to it), or the week's first day.
 * - experiment_runs: a run done under an assignment, and the runner's answer to "was the
 *   activation routine done before it?" (done / not_done / partly; NULL until answered).
 *
 * Triggers make the fixed parts unchangeable by any writer at all (the window, an import, the
 * command line, a hand-made SQL statement): a protocol's contents, hash and fixing time, and an
 * assignment's unit, arm and drawing time, can be neither updated nor deleted; a stop is
 * recorded once; an assignment's day is set once.
 */
export const experimentTables = `
CREATE TABLE experiment_protocols (
  id              INTEGER PRIMARY KEY,
  contents        TEXT NOT NULL CHECK (length(contents) BETWEEN 2 AND 20000 AND json_valid(contents)),
  content_sha256  TEXT NOT NULL CHECK (length(content_sha256) = 64 AND content_sha256 NOT GLOB '*[^0-9a-f]*'),
  fixed_at        TEXT NOT NULL,
  stopped_at      TEXT,
  stop_reason     TEXT CHECK (stop_reason IS NULL OR length(stop_reason) BETWEEN 1 AND 2000),
  CHECK ((stopped_at IS NULL) = (stop_reason IS NULL))
) STRICT;

CREATE TABLE experiment_assignments (
  id           INTEGER PRIMARY KEY,
  protocol_id  INTEGER NOT NULL REFERENCES experiment_protocols (id),
  unit_index   INTEGER NOT NULL CHECK (unit_index BETWEEN 0 AND 100000),
  arm          TEXT NOT NULL CHECK (arm IN ('activation', 'none')),
  drawn_at     TEXT NOT NULL,
  local_date   TEXT CHECK (local_date IS NULL OR local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  UNIQUE (protocol_id, unit_index)
) STRICT;

CREATE TABLE experiment_runs (
  run_id           INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  assignment_id    INTEGER NOT NULL REFERENCES experiment_assignments (id),
  activation_done  TEXT CHECK (activation_done IS NULL OR activation_done IN ('done', 'not_done', 'partly')),
  answered_at      TEXT,
  CHECK ((activation_done IS NULL) = (answered_at IS NULL))
) STRICT;
CREATE INDEX experiment_runs_by_assignment ON experiment_runs (assignment_id);

CREATE TRIGGER experiment_protocol_is_fixed BEFORE UPDATE OF id, contents, content_sha256, fixed_at ON experiment_protocols
BEGIN SELECT RAISE(ABORT, 'An experiment protocol is fixed once stored: it cannot be changed.'); END;
CREATE TRIGGER experiment_protocol_stops_once BEFORE UPDATE OF stopped_at, stop_reason ON experiment_protocols
WHEN OLD.stopped_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'This experiment was already stopped: its stop cannot be changed.'); END;
CREATE TRIGGER experiment_protocol_is_kept BEFORE DELETE ON experiment_protocols
BEGIN SELECT RAISE(ABORT, 'An experiment protocol is kept once fixed: it cannot be deleted.'); END;
CREATE TRIGGER experiment_assignment_is_drawn_once BEFORE UPDATE OF id, protocol_id, unit_index, arm, drawn_at ON experiment_assignments
BEGIN SELECT RAISE(ABORT, 'An assignment is drawn once: it cannot be changed.'); END;
CREATE TRIGGER experiment_assignment_day_once BEFORE UPDATE OF local_date ON experiment_assignments
WHEN OLD.local_date IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'An assignment''s day is set once: it cannot be changed.'); END;
CREATE TRIGGER experiment_assignment_is_kept BEFORE DELETE ON experiment_assignments
BEGIN SELECT RAISE(ABORT, 'An assignment is kept once drawn: it cannot be deleted.'); END;
CREATE TRIGGER experiment_run_link_is_kept BEFORE UPDATE OF run_id, assignment_id ON experiment_runs
BEGIN SELECT RAISE(ABORT, 'A run''s assignment is kept once linked: it cannot be changed.'); END;
`;
