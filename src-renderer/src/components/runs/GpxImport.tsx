import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { MAX_GPX_BYTES, tooLargeReason, type GpxImportResult, type GpxRecordingResult } from '../../../../src-main/shared/track';
import { formatDistance, parseDuration } from '../../../../src-main/shared/units';
import { messageOf, request } from '../../api/client';
import { systemTimeZone, todayLocalDate } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';

interface FileOutcome {
  file: File;
  result: GpxImportResult;
}

/** Refusals the runner can fix by saying when the run was and how long it took. */
const NEEDS_DATE = new Set(['no-times', 'times-unusable', 'no-duration']);

/** What the window says before importing a file without times; afterwards it and the run page say UNTIMED_RUN_SUMMARY. */
const UNTIMED_RUN_WORDS =
  'Stance will store its distance, and an average pace from the duration you give; it will have no splits, no pace chart and no moving time.';

/** One refused result for a file that never reached the importer. */
function refusedFile(file: File, refusal: string, reason: string): GpxImportResult {
  return { file: file.name, recordings: [{ track: null, status: 'refused', refusal, reason, warnings: [] }] };
}

/**
 * After a second import of the same file (a date given, "Import anyway"), recordings imported the
 * first time come back as duplicates of themselves: the first answer is kept for those.
 */
function mergeResults(before: GpxImportResult, after: GpxImportResult): GpxImportResult {
  return {
    file: after.file,
    recordings: after.recordings.map((next) => {
      const previous = before.recordings.find((old) => old.track?.index === next.track?.index);
      if (previous?.status === 'imported' && next.status === 'duplicate' && next.duplicateOf === 'same-points' && next.runId === previous.runId) {
        return previous;
      }
      return next;
    }),
  };
}

function trackLabel(recording: GpxRecordingResult, recordings: number): string | null {
  if (recording.track === null || recordings < 2) return null;
  return recording.track.name === null ? `track ${recording.track.index}` : `track ${recording.track.index}, “${recording.track.name}”`;
}

interface Props {
  onImported: () => void;
  onClose: () => void;
  openRun: (runId: number) => void;
}

/**
 * Import GPX files: pick or drop many at once, watch the progress, cancel between files, and
 * read a summary — every recording of every file: imported, duplicates skipped (a near-duplicate
 * can be imported anyway), refused with the reason. Each recording is one transaction in main:
 * all of it or none.
 */
export function GpxImport({ onImported, onClose, openRun }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  const [queue, setQueue] = useState<File[]>([]);
  const [done, setDone] = useState<FileOutcome[]>([]);
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<string>();
  const [wasCancelled, setWasCancelled] = useState(false);
  const [dragging, setDragging] = useState(false);

  async function importFiles(files: File[]) {
    const gpx = files.filter((file) => /\.gpx$/i.test(file.name) || file.type.includes('gpx'));
    const others = files.filter((file) => !gpx.includes(file));
    cancelled.current = false;
    setWasCancelled(false);
    setRunning(true);
    setQueue(gpx);
    const outcomes: FileOutcome[] = others.map((file) => ({
      file,
      result: refusedFile(file, 'not-gpx', 'This is not a .gpx file, so it was not read.'),
    }));
    setDone([...outcomes]);
    let imported = 0;
    for (const file of gpx) {
      if (cancelled.current) break;
      setCurrent(file.name);
      let result: GpxImportResult;
      try {
        if (file.size > MAX_GPX_BYTES) {
          result = refusedFile(file, 'too-long', tooLargeReason(file.size));
        } else {
          const bytes = new Uint8Array(await file.arrayBuffer());
          result = await request('runs:importGpx', { fileName: file.name, bytes, timeZone: systemTimeZone() });
        }
      } catch (error) {
        result = refusedFile(file, 'failed', messageOf(error));
      }
      imported += result.recordings.filter((recording) => recording.status === 'imported').length;
      outcomes.push({ file, result });
      setDone([...outcomes]);
    }
    setWasCancelled(cancelled.current);
    setCurrent(undefined);
    setRunning(false);
    if (imported > 0) onImported();
  }

  function replace(file: File, result: GpxImportResult) {
    setDone((list) => list.map((outcome) => (outcome.file === file ? { file, result: mergeResults(outcome.result, result) } : outcome)));
    if (result.recordings.some((recording) => recording.status === 'imported')) onImported();
  }

  async function importAnyway(file: File) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      replace(file, await request('runs:importGpx', { fileName: file.name, bytes, timeZone: systemTimeZone(), allowNearDuplicates: true }));
    } catch (error) {
      replace(file, refusedFile(file, 'failed', messageOf(error)));
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    void importFiles([...event.dataTransfer.files]);
  }

  const total = queue.length;
  const finished = done.filter((outcome) => queue.includes(outcome.file)).length;
  const all = done.flatMap((outcome) => outcome.result.recordings);
  const counts = {
    imported: all.filter((recording) => recording.status === 'imported').length,
    duplicate: all.filter((recording) => recording.status === 'duplicate').length,
    refused: all.filter((recording) => recording.status === 'refused').length,
  };
  const notStarted = wasCancelled ? total - finished : 0;

  return (
    <section className="card import-panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>Import GPX files</h2>
        <button type="button" onClick={onClose} disabled={running}>
          Close
        </button>
      </div>
      <div
        className={`drop-zone ${dragging ? 'dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          Drop .gpx files here, or{' '}
          <button type="button" className="link" onClick={() => input.current?.click()} disabled={running}>
            choose files
          </button>
          . Exports from Garmin, Apple Watch, Strava, Coros, Suunto, Wahoo and OpenTracks all work; each recording in a file becomes
          one run.
        </p>
        <input
          ref={input}
          id={`${id}-files`}
          className="visually-hidden"
          type="file"
          accept=".gpx,application/gpx+xml"
          multiple
          aria-label="GPX files to import"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void importFiles(files);
          }}
        />
      </div>

      {total > 0 ? (
        <div className="import-progress">
          <progress max={total} value={finished} aria-label="Files imported so far" />
          <p role="status" aria-live="polite">
            {running
              ? `Importing ${finished + 1} of ${total}: ${current ?? ''}`
              : `${counts.imported} imported, ${counts.duplicate} ${counts.duplicate === 1 ? 'duplicate' : 'duplicates'} skipped, ${counts.refused} refused${notStarted > 0 ? `, ${notStarted} not started (cancelled)` : ''}.`}
          </p>
          {running ? (
            <button
              type="button"
              onClick={() => {
                cancelled.current = true;
              }}
            >
              Cancel
            </button>
          ) : null}
        </div>
      ) : null}

      {done.length > 0 ? (
        <ul className="import-summary" aria-label="What happened to each recording">
          {done.flatMap(({ file, result }) => {
            // The form for a date, and "Import anyway", go once per file, under the first recording that needs them.
            const needsDate = result.recordings.findIndex((recording) => recording.status === 'refused' && NEEDS_DATE.has(recording.refusal));
            const nearDuplicate = result.recordings.findIndex((recording) => recording.status === 'duplicate' && recording.duplicateOf === 'near');
            const key = `${file.name}-${file.lastModified}-${file.size}`;
            return result.recordings.map((recording, k) => {
              const label = trackLabel(recording, result.recordings.length);
              return (
                <li key={`${key}-${recording.track?.index ?? 0}-${k}`} className={`import-${recording.status}`} data-testid="import-result">
                  <span className={`pill status-${recording.status}`}>
                    {recording.status === 'imported' ? 'Imported' : recording.status === 'duplicate' ? 'Already in Stance' : 'Refused'}
                  </span>
                  <span className="import-file">
                    {file.name}
                    {label !== null ? <span className="import-track">{label}</span> : null}
                  </span>
                  {recording.status === 'imported' ? (
                    <span>
                      {formatDistance(recording.distanceMetres, units)} ·{' '}
                      <button type="button" className="link" onClick={() => openRun(recording.runId)}>
                        open the run
                      </button>
                      {recording.warnings.length > 0 ? <span className="import-reason">{recording.warnings.join(' ')}</span> : null}
                    </span>
                  ) : (
                    <span className="import-reason">{recording.reason}</span>
                  )}
                  {k === nearDuplicate ? (
                    <button type="button" className="import-anyway" onClick={() => void importAnyway(file)}>
                      Import anyway
                    </button>
                  ) : null}
                  {k === needsDate ? <GiveDate file={file} onResult={(next) => replace(file, next)} /> : null}
                </li>
              );
            });
          })}
        </ul>
      ) : null}
    </section>
  );
}

/** For a file without usable times: the runner says when it was and how long it took (also used by ActivityImport). */
export function GiveDate({ file, onResult }: { file: File; onResult: (result: GpxImportResult) => void }) {
  const id = useId();
  const [date, setDate] = useState(todayLocalDate());
  const [time, setTime] = useState('07:00');
  const [duration, setDuration] = useState('');
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (duration.trim() === '') {
      setProblem('Give how long the run took, as h:mm:ss (1:02:30) or mm:ss (48:15): every run in Stance has a duration.');
      return;
    }
    const durationSeconds = parseDuration(duration);
    if (durationSeconds === null) {
      setProblem('Give the duration as h:mm:ss (1:02:30) or mm:ss (48:15).');
      return;
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await request('runs:importGpx', {
        fileName: file.name,
        bytes,
        timeZone: systemTimeZone(),
        startLocalDate: date,
        startLocalTime: time,
        durationSeconds,
      });
      const stillRefused = result.recordings.find((recording) => recording.status === 'refused' && NEEDS_DATE.has(recording.refusal));
      if (stillRefused?.status === 'refused') setProblem(stillRefused.reason);
      else onResult(result);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  return (
    <form className="give-date" onSubmit={submit} aria-label={`When was the run in ${file.name}?`} noValidate>
      <p className="give-date-note">Give the date, start time and duration of the run without times. {UNTIMED_RUN_WORDS}</p>
      <div className="field">
        <label htmlFor={`${id}-date`}>Date</label>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-time`}>Start time</label>
        <input id={`${id}-time`} type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-duration`}>Duration (h:mm:ss)</label>
        <input id={`${id}-duration`} value={duration} inputMode="numeric" onChange={(e) => setDuration(e.target.value)} />
      </div>
      <button type="submit">Import with this date</button>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
