/**
 * Schema version 1: everything DESIGN.md describes.
 *
 * Units: metres, seconds, kilograms. Instants: UTC, ISO 8601 with 'Z' (text sorts by time).
 * Calendar days: the runner's local date, YYYY-MM-DD, stored beside the instant so that
 * "days since the last glute session" needs no time-zone arithmetic in SQL.
 *
 * CHECK constraints keep out what no runner means: NaN (SQLite stores a bound NaN as NULL,
 * so NOT NULL refuses it), infinities (bounded ranges), negative distances, scores outside
 * 0–10, dates that are not dates. Triggers keep a pain onset within its run's distance.
 */
export const initialSchema = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE shoes (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
  retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  started_at       TEXT NOT NULL CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*Z'),
  time_zone        TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  local_date       TEXT NOT NULL CHECK (date(local_date) IS local_date),
  local_time       TEXT NOT NULL CHECK (local_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  distance_m       REAL NOT NULL CHECK (distance_m > 0 AND distance_m <= 1000000),
  duration_s       REAL NOT NULL CHECK (duration_s > 0 AND duration_s <= 864000),
  moving_s         REAL CHECK (moving_s IS NULL OR (moving_s > 0 AND moving_s <= duration_s)),
  elevation_gain_m REAL CHECK (elevation_gain_m IS NULL OR (elevation_gain_m >= 0 AND elevation_gain_m < 100000)),
  elevation_loss_m REAL CHECK (elevation_loss_m IS NULL OR (elevation_loss_m >= 0 AND elevation_loss_m < 100000)),
  avg_heart_rate   REAL CHECK (avg_heart_rate IS NULL OR (avg_heart_rate > 0 AND avg_heart_rate < 300)),
  effort           INTEGER CHECK (effort IS NULL OR effort BETWEEN 1 AND 10),
  surface          TEXT CHECK (surface IS NULL OR surface IN ('road', 'trail', 'track', 'treadmill')),
  shoe_id          INTEGER REFERENCES shoes (id) ON DELETE SET NULL,
  notes            TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  source           TEXT NOT NULL CHECK (source IN ('manual', 'gpx')),
  -- 'unrecorded': nobody said; 'none': pain-free for the whole distance (right-censored);
  -- 'pain': one or more rows in run_pain give where and when it started.
  pain_status      TEXT NOT NULL DEFAULT 'unrecorded' CHECK (pain_status IN ('unrecorded', 'none', 'pain')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX runs_by_local_date ON runs (local_date DESC, started_at DESC);
CREATE INDEX runs_by_shoe ON runs (shoe_id) WHERE shoe_id IS NOT NULL;

-- The GPX a run was imported from: the original bytes (gzip) and the derived per-point streams.
CREATE TABLE run_tracks (
  run_id            INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  file_name         TEXT NOT NULL CHECK (length(file_name) <= 1000),
  track_name        TEXT CHECK (track_name IS NULL OR length(track_name) <= 1000),
  file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64),
  points_sha256     TEXT NOT NULL UNIQUE CHECK (length(points_sha256) = 64),
  point_count       INTEGER NOT NULL CHECK (point_count >= 0),
  original_gzip     BLOB NOT NULL,
  streams           BLOB NOT NULL,
  splits_json       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(splits_json)),
  imported_at       TEXT NOT NULL
) STRICT;
CREATE INDEX run_tracks_by_file ON run_tracks (file_sha256);

CREATE TABLE run_pain (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  onset_m      REAL NOT NULL CHECK (onset_m >= 0 AND onset_m <= 1000000),
  location     TEXT NOT NULL CHECK (location IN ('lateral_knee', 'front_knee', 'hip', 'other')),
  side         TEXT NOT NULL CHECK (side IN ('left', 'right', 'both')),
  worst_score  INTEGER NOT NULL CHECK (worst_score BETWEEN 0 AND 10),
  action       TEXT NOT NULL CHECK (action IN ('kept_going', 'slowed', 'walked', 'stopped')),
  notes        TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000)
) STRICT;
CREATE INDEX run_pain_by_run ON run_pain (run_id);

CREATE TRIGGER run_pain_onset_within_run_insert BEFORE INSERT ON run_pain
WHEN NEW.onset_m > (SELECT distance_m FROM runs WHERE id = NEW.run_id) + 0.5
BEGIN SELECT RAISE(ABORT, 'pain onset beyond the run''s distance'); END;

CREATE TRIGGER run_pain_onset_within_run_update BEFORE UPDATE OF onset_m, run_id ON run_pain
WHEN NEW.onset_m > (SELECT distance_m FROM runs WHERE id = NEW.run_id) + 0.5
BEGIN SELECT RAISE(ABORT, 'pain onset beyond the run''s distance'); END;

CREATE TRIGGER runs_distance_covers_pain BEFORE UPDATE OF distance_m ON runs
WHEN EXISTS (SELECT 1 FROM run_pain WHERE run_id = NEW.id AND onset_m > NEW.distance_m + 0.5)
BEGIN SELECT RAISE(ABORT, 'pain onset beyond the run''s distance'); END;

CREATE TABLE pain_checkins (
  id          INTEGER PRIMARY KEY,
  local_date  TEXT NOT NULL CHECK (date(local_date) IS local_date),
  context     TEXT NOT NULL CHECK (context IN ('general', 'morning', 'stairs', 'sitting', 'walking', 'after_run')),
  left_score  INTEGER CHECK (left_score IS NULL OR left_score BETWEEN 0 AND 10),
  right_score INTEGER CHECK (right_score IS NULL OR right_score BETWEEN 0 AND 10),
  notes       TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  created_at  TEXT NOT NULL,
  CHECK (left_score IS NOT NULL OR right_score IS NOT NULL)
) STRICT;
CREATE INDEX pain_checkins_by_date ON pain_checkins (local_date DESC);

CREATE TABLE exercises (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
  category        TEXT NOT NULL CHECK (category IN ('glute_hip', 'foot', 'core', 'other')),
  measure         TEXT NOT NULL CHECK (measure IN ('reps', 'seconds')),
  per_side        INTEGER NOT NULL CHECK (per_side IN (0, 1)),
  default_sets    INTEGER CHECK (default_sets IS NULL OR default_sets BETWEEN 1 AND 20),
  default_amount  INTEGER CHECK (default_amount IS NULL OR default_amount BETWEEN 1 AND 3600),
  cue             TEXT NOT NULL DEFAULT '' CHECK (length(cue) <= 1000),
  built_in        INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE TABLE strength_sessions (
  id          INTEGER PRIMARY KEY,
  local_date  TEXT NOT NULL CHECK (date(local_date) IS local_date),
  duration_s  REAL CHECK (duration_s IS NULL OR (duration_s > 0 AND duration_s <= 86400)),
  rpe         INTEGER CHECK (rpe IS NULL OR rpe BETWEEN 1 AND 10),
  notes       TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX strength_sessions_by_date ON strength_sessions (local_date DESC);

CREATE TABLE session_exercises (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL REFERENCES strength_sessions (id) ON DELETE CASCADE,
  exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  position    INTEGER NOT NULL CHECK (position >= 0),
  band        TEXT CHECK (band IS NULL OR length(band) <= 50),
  effort      INTEGER CHECK (effort IS NULL OR effort BETWEEN 1 AND 10),
  notes       TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
  UNIQUE (session_id, position)
) STRICT;
CREATE INDEX session_exercises_by_exercise ON session_exercises (exercise_id);

CREATE TABLE exercise_sets (
  id                   INTEGER PRIMARY KEY,
  session_exercise_id  INTEGER NOT NULL REFERENCES session_exercises (id) ON DELETE CASCADE,
  set_number           INTEGER NOT NULL CHECK (set_number BETWEEN 1 AND 50),
  side                 TEXT NOT NULL DEFAULT 'both' CHECK (side IN ('left', 'right', 'both')),
  reps                 INTEGER CHECK (reps IS NULL OR reps BETWEEN 1 AND 1000),
  seconds              REAL CHECK (seconds IS NULL OR (seconds > 0 AND seconds <= 3600)),
  load_kg              REAL CHECK (load_kg IS NULL OR (load_kg >= 0 AND load_kg <= 500)),
  CHECK (reps IS NOT NULL OR seconds IS NOT NULL)
) STRICT;
CREATE INDEX exercise_sets_by_session_exercise ON exercise_sets (session_exercise_id);

CREATE TABLE routines (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 100),
  purpose   TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 500),
  built_in  INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1))
) STRICT;

CREATE TABLE routine_exercises (
  routine_id  INTEGER NOT NULL REFERENCES routines (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
  sets        INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20),
  amount      INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 3600),
  band        TEXT CHECK (band IS NULL OR length(band) <= 50),
  PRIMARY KEY (routine_id, position)
) STRICT;

-- Foam rolling, stretching, massage, ice: logged, but never counted as glute work.
CREATE TABLE recovery_entries (
  id          INTEGER PRIMARY KEY,
  local_date  TEXT NOT NULL CHECK (date(local_date) IS local_date),
  kind        TEXT NOT NULL CHECK (kind IN ('foam_rolling', 'stretching', 'massage', 'ice_bath', 'other')),
  duration_s  REAL CHECK (duration_s IS NULL OR (duration_s > 0 AND duration_s <= 86400)),
  notes       TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX recovery_entries_by_date ON recovery_entries (local_date DESC);

-- The glute plan and its history: the plan in force on a day is the latest one whose
-- effective_from is on or before that day.
CREATE TABLE glute_plans (
  id                 INTEGER PRIMARY KEY,
  effective_from     TEXT NOT NULL UNIQUE CHECK (date(effective_from) IS effective_from),
  kind               TEXT NOT NULL CHECK (kind IN ('per_week', 'every_n_days')),
  sessions_per_week  INTEGER CHECK (sessions_per_week IS NULL OR sessions_per_week BETWEEN 1 AND 14),
  every_n_days       INTEGER CHECK (every_n_days IS NULL OR every_n_days BETWEEN 1 AND 30),
  created_at         TEXT NOT NULL,
  CHECK ((kind = 'per_week' AND sessions_per_week IS NOT NULL AND every_n_days IS NULL)
      OR (kind = 'every_n_days' AND every_n_days IS NOT NULL AND sessions_per_week IS NULL))
) STRICT;

INSERT INTO exercises (name, category, measure, per_side, default_sets, default_amount, cue, built_in) VALUES
  ('Glute bridge', 'glute_hip', 'reps', 0, 3, 15, 'Drive through the heels; squeeze the glutes at the top, ribs down.', 1),
  ('Single-leg glute bridge', 'glute_hip', 'reps', 1, 3, 12, 'Hips level: the free side must not drop.', 1),
  ('Lateral band walk', 'glute_hip', 'reps', 1, 3, 15, 'Band above the knees or at the ankles; knees out, toes forward, stay low.', 1),
  ('Banded single-leg squat (3/4 depth)', 'glute_hip', 'reps', 1, 3, 20, '2–3 sets of 20–30 to three-quarter depth; knee tracks over the second toe, hip does not drop.', 1),
  ('Clamshell', 'glute_hip', 'reps', 1, 3, 20, 'Heels together, pelvis still; open from the hip, not by rolling back.', 1),
  ('Side-lying leg raise', 'glute_hip', 'reps', 1, 3, 15, 'Top leg slightly behind the body, toes forward; lift from the side of the hip.', 1),
  ('Single-leg deadlift', 'glute_hip', 'reps', 1, 3, 10, 'Hinge at the hip with a soft knee; keep the pelvis square.', 1),
  ('Step-up', 'glute_hip', 'reps', 1, 3, 12, 'Knee-height box; push through the front heel, do not spring off the back foot.', 1),
  ('Hip hike', 'glute_hip', 'reps', 1, 3, 15, 'Stand on a step, let the free hip drop, then lift it with the standing hip.', 1),
  ('Side plank', 'core', 'seconds', 1, 3, 30, 'Straight line from head to heel; hips stay up.', 1),
  ('Short-foot exercise', 'foot', 'reps', 1, 3, 10, 'Shorten the foot by lifting the arch without curling the toes.', 1),
  ('Calf raise', 'foot', 'reps', 1, 3, 15, 'Slow down, full range, on one leg when two is easy.', 1),
  ('Towel scrunch', 'foot', 'reps', 1, 2, 20, 'Pull a towel towards you with the toes.', 1);

INSERT INTO routines (name, purpose, built_in) VALUES
  ('Pre-run glute activation', 'Ten minutes before a run: wake the glutes up so they fire from the first mile.', 1),
  ('Hip strength session', 'The full session, two or three times a week: strength for the hip that keeps the knee in line.', 1);

WITH v (routine, position, exercise, sets, amount, band) AS (VALUES
  ('Pre-run glute activation', 0, 'Glute bridge', 2, 15, NULL),
  ('Pre-run glute activation', 1, 'Clamshell', 2, 15, 'light'),
  ('Pre-run glute activation', 2, 'Lateral band walk', 2, 15, 'light'),
  ('Hip strength session', 0, 'Banded single-leg squat (3/4 depth)', 3, 25, 'medium'),
  ('Hip strength session', 1, 'Single-leg deadlift', 3, 10, NULL),
  ('Hip strength session', 2, 'Step-up', 3, 12, NULL),
  ('Hip strength session', 3, 'Side-lying leg raise', 3, 15, NULL),
  ('Hip strength session', 4, 'Hip hike', 3, 15, NULL),
  ('Hip strength session', 5, 'Side plank', 3, 30, NULL)
)
INSERT INTO routine_exercises (routine_id, position, exercise_id, sets, amount, band)
SELECT r.id, v.position, e.id, v.sets, v.amount, v.band
FROM v
JOIN routines r ON r.name = v.routine
JOIN exercises e ON e.name = v.exercise;
`;
