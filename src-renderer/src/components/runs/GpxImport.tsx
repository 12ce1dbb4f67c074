import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { MAX_GPX_BYTES, tooLargeReason, type GpxImportResult } from '../../../../src-main/shared/track';
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

interface Props {
  onImported: () => void;
  onClose: () => void;
  openRun: (runId: number) => void;
}

/**
 * Import GPX files: pick or drop many at once, watch the progress, cancel between files, and
 * read a summary — imported, duplicates skipped, refused with the reason per file. Each file
 * is one transaction in main: all of it or none.
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
      result: { file: file.name, status: 'refused', refusal: 'not-gpx', reason: 'This is not a .gpx file, so it was not read.' },
    }));
    setDone([...outcomes]);
    let imported = 0;
    for (const file of gpx) {
      if (cancelled.current) break;
      setCurrent(file.name);
      let result: GpxImportResult;
      try {
        if (file.size > MAX_GPX_BYTES) {
          result = { file: file.name, status: 'refused', refusal: 'too-long', reason: tooLargeReason(file.size) };
        } else {
          const bytes = new Uint8Array(await file.arrayBuffer());
          result = await request('runs:importGpx', { fileName: file.name, bytes, timeZone: systemTimeZone() });
        }
      } catch (error) {
        result = { file: file.name, status: 'refused', refusal: 'failed', reason: messageOf(error) };
      }
      if (result.status === 'imported') imported++;
      outcomes.push({ file, result });
      setDone([...outcomes]);
    }
    setWasCancelled(cancelled.current);
    setCurrent(undefined);
    setRunning(false);
    if (imported > 0) onImported();
  }

  function replace(file: File, result: GpxImportResult) {
    setDone((list) => list.map((outcome) => (outcome.file === file ? { file, result } : outcome)));
    if (result.status === 'imported') onImported();
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    void importFiles([...event.dataTransfer.files]);
  }

  const total = queue.length;
  const finished = done.filter((outcome) => queue.includes(outcome.file)).length;
  const counts = {
    imported: done.filter((outcome) => outcome.result.status === 'imported').length,
    duplicate: done.filter((outcome) => outcome.result.status === 'duplicate').length,
    refused: done.filter((outcome) => outcome.result.status === 'refused').length,
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
          . Exports from Garmin, Apple Watch, Strava, Coros, Suunto, Wahoo and OpenTracks all work; each file becomes one run.
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
        <ul className="import-summary" aria-label="What happened to each file">
          {done.map(({ file, result }) => (
            <li key={`${file.name}-${file.lastModified}-${file.size}`} className={`import-${result.status}`} data-testid="import-result">
              <span className={`pill status-${result.status}`}>
                {result.status === 'imported' ? 'Imported' : result.status === 'duplicate' ? 'Already in Stance' : 'Refused'}
              </span>
              <span className="import-file">{file.name}</span>
              {result.status === 'imported' ? (
                <span>
                  {formatDistance(result.distanceMetres, units)} ·{' '}
                  <button type="button" className="link" onClick={() => openRun(result.runId)}>
                    open the run
                  </button>
                  {result.warnings.length > 0 ? <span className="import-reason">{result.warnings.join(' ')}</span> : null}
                </span>
              ) : (
                <span className="import-reason">{result.reason}</span>
              )}
              {result.status === 'refused' && NEEDS_DATE.has(result.refusal) ? <GiveDate file={file} onResult={(next) => replace(file, next)} /> : null}
            </li>
          ))}
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
      if (result.status === 'refused') setProblem(result.reason);
      else onResult(result);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  return (
    <form className="give-date" onSubmit={submit} aria-label={`When was the run in ${file.name}?`} noValidate>
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
        <input id={`${id}-duration`} value={duration} placeholder="0:45:00" onChange={(e) => setDuration(e.target.value)} />
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
