/**
 * Migration 004: where an imported run came from, for runs read from FIT, TCX and archives.
 *
 *  - run_tracks.source_format: 'gpx' | 'fit' | 'tcx' (NULL for runs imported before: all GPX);
 *  - run_tracks.device_name: the recording device as the file names it ("Garmin Fenix 2");
 *  - run_tracks.sport / sub_sport: the device's sport ("running", "treadmill"…);
 *  - run_tracks.archive_entry: the member of an archive the run was read from (display only);
 *  - run_tracks.watch_feel: the watch's after-run "feel" (very weak … very strong);
 *  - run_tracks.has_route: 0 for a run recorded without GPS (treadmill, indoor), whose streams
 *    hold no positions; NULL (earlier runs) and 1 mean it has a route;
 *  - runs.effort_from_watch: 1 when `effort` was pre-filled from the watch's RPE, not typed;
 *  - an index on runs.started_at for the near-duplicate rule (start within 2 minutes).
 *
 * `runs.source` keeps its CHECK ('manual', 'gpx'): 'gpx' there means "imported from a recording
 * file", whatever its format; run_tracks.source_format says which.
 */
export const recordingSource = `
ALTER TABLE run_tracks ADD COLUMN source_format TEXT CHECK (source_format IS NULL OR source_format IN ('gpx', 'fit', 'tcx'));
ALTER TABLE run_tracks ADD COLUMN device_name TEXT CHECK (device_name IS NULL OR length(device_name) <= 200);
ALTER TABLE run_tracks ADD COLUMN sport TEXT CHECK (sport IS NULL OR length(sport) <= 60);
ALTER TABLE run_tracks ADD COLUMN sub_sport TEXT CHECK (sub_sport IS NULL OR length(sub_sport) <= 60);
ALTER TABLE run_tracks ADD COLUMN archive_entry TEXT CHECK (archive_entry IS NULL OR length(archive_entry) <= 1000);
ALTER TABLE run_tracks ADD COLUMN watch_feel TEXT CHECK (watch_feel IS NULL OR watch_feel IN ('very weak', 'weak', 'normal', 'strong', 'very strong'));
ALTER TABLE run_tracks ADD COLUMN has_route INTEGER CHECK (has_route IS NULL OR has_route IN (0, 1));
ALTER TABLE runs ADD COLUMN effort_from_watch INTEGER NOT NULL DEFAULT 0 CHECK (effort_from_watch IN (0, 1));
CREATE INDEX runs_by_start ON runs (started_at);
`;
