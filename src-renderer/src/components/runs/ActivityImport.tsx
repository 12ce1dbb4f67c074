import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { ImportJobView, ImportOutcomeView, ImportSummaryView } from '../../../../src-main/shared/import';
import { MAX_WINDOW_IMPORT_BYTES } from '../../../../src-main/shared/import';
import type { ImportOutcomeCode } from '../../../../src-main/shared/import-formats';
import { formatDistance } from '../../../../src-main/shared/units';
import { messageOf, request } from '../../api/client';
import { systemTimeZone } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';
import type { GpxImportResult } from '../../../../src-main/shared/track';
import { GiveDate, NEEDS_DATE } from './GiveDate';

const POLL_MS = 250;

interface Props {
  onImported: () => void;
  onClose: () => void;
  openRun: (runId: number) => void;
}

type Group = 'imported' | 'duplicate' | 'skipped' | 'needs-date' | 'refused';
const GROUPS: { status: Group; title: string; pill: string }[] = [
  { status: 'imported', title: 'Imported', pill: 'Imported' },
  { status: 'needs-date', title: 'Needs a date', pill: 'Needs a date' },
  { status: 'duplicate', title: 'Already in Stance', pill: 'Already in Stance' },
  { status: 'skipped', title: 'Other sports (not runs)', pill: 'Not a run' },
  { status: 'refused', title: 'Refused', pill: 'Refused' },
];

/** A GPX file refused only for want of times, given on its own (not inside an archive): the runner can give the date. */
function needsDate(outcome: ImportOutcomeView): boolean {
  return outcome.status === 'refused' && outcome.entry === null && outcome.format !== 'fit' && NEEDS_DATE.has(outcome.code ?? '') && !/more than ten days|1,000 km|do not move forward/.test(outcome.reason ?? '');
}

function groupOf(outcome: ImportOutcomeView): Group {
  return needsDate(outcome) ? 'needs-date' : outcome.status;
}

/** Every file under a dropped folder (the File and Directory Entries API, which Chromium and Electron give drops). */
/** Files that came out of a dropped folder (they have no webkitRelativePath). */
const inFolder = new WeakSet<File>();

async function filesFromDrop(items: DataTransferItemList, fallback: FileList): Promise<File[]> {
  const entries = [...items].map((item) => item.webkitGetAsEntry?.()).filter((entry): entry is FileSystemEntry => entry != null);
  if (entries.length === 0) return [...fallback];
  const files: File[] = [];
  const visit = async (entry: FileSystemEntry, depth: number): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      if (depth > 0) inFolder.add(file);
      files.push(file);
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await visit(child, depth + 1);
      }
    }
  };
  for (const entry of entries) await visit(entry, 0);
  return files;
}

function where(outcome: ImportOutcomeView): string {
  const inside = outcome.entry === null ? '' : ` › ${outcome.entry}`;
  const name = outcome.track?.name ?? null;
  const which =
    outcome.recording === null ? '' : outcome.format === 'gpx' ? ` (track ${outcome.recording}${name === null ? '' : `, “${name}”`})` : ` (activity ${outcome.recording})`;
  return `${outcome.file}${inside}${which}`;
}

/** A path with line-break opportunities after each "/" and "›", so long names wrap between their parts. */
function breakable(path: string) {
  return path.split(/(?<=[/›])/).map((part, k) => (
    <span key={k}>
      {part}
      <wbr />
    </span>
  ));
}

function summaryLine(summary: ImportSummaryView | null, outcomes: ImportOutcomeView[], notStarted: number): string {
  // Counted from the outcomes once they are all in: "Import anyway" and a given date change them after the batch.
  const count = (status: Group) => (summary !== null && outcomes.length === 0 ? (status === 'needs-date' ? 0 : summary[status]) : outcomes.filter((o) => groupOf(o) === status).length);
  const duplicates = count('duplicate');
  const skipped = count('skipped');
  const dated = count('needs-date');
  return (
    `${count('imported')} imported, ${duplicates} ${duplicates === 1 ? 'duplicate' : 'duplicates'} skipped` +
    `${skipped > 0 ? `, ${skipped} other ${skipped === 1 ? 'sport' : 'sports'} skipped` : ''}` +
    `${dated > 0 ? `, ${dated} ${dated === 1 ? 'needs a date' : 'need a date'}` : ''}, ${count('refused')} refused` +
    `${notStarted > 0 ? `, ${notStarted} not started (cancelled)` : ''}.`
  );
}

/** Puts text on the clipboard: the Clipboard API where the page may use it, else a selected text area and the copy command. */
async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard !== undefined) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

/** The summary as plain text, one line per activity, for the clipboard. */
function summaryText(outcomes: ImportOutcomeView[], headline: string): string {
  return [headline, ...outcomes.map((o) => `${o.status}\t${where(o)}\t${o.status === 'imported' ? `${((o.distanceMetres ?? 0) / 1000).toFixed(2)} km` : (o.reason ?? '')}`)].join('\n');
}

/**
 * Import runs from files, archives and folders: .gpx, .fit, .tcx, .gz of them, .zip (Strava's and
 * Garmin's exports) or a whole folder, picked or dropped. The import runs in main's import worker
 * (import/worker.ts); this panel polls its progress, can cancel it between files, and shows a
 * summary grouped as imported / already in Stance / other sports / refused, reasons expandable and
 * copyable. Each run is one transaction in main: all of it or none.
 */
export function ActivityImport({ onImported, onClose, openRun }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcomeView[]>([]);
  const [picked, setPicked] = useState<File[]>([]);
  const [problem, setProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [copied, setCopied] = useState(false);
  const [addedShoes, setAddedShoes] = useState<string[]>([]);
  const running = job !== null && job.summary === null && job.failure === null;

  useEffect(() => {
    // A folder picker: the attribute React does not know.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    if (job === null || job.summary !== null || job.failure !== null) return;
    const timer = setTimeout(() => {
      request('imports:status', { jobId: job.jobId, since: outcomes.length })
        .then((next) => {
          setOutcomes((before) => [...before, ...next.outcomes]);
          setJob(next);
          if ((next.summary !== null || next.failure !== null) && (next.summary?.imported ?? 1) > 0) onImported();
        })
        .catch((error: unknown) => {
          setProblem(messageOf(error));
          setJob(null);
        });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job, outcomes.length, onImported]);

  async function start(files: File[]) {
    if (files.length === 0 || running) return;
    setProblem(undefined);
    setOutcomes([]);
    setJob(null);
    setCancelling(false);
    setCopied(false);
    setAddedShoes([]);
    const tooLarge = files.find((file) => file.size > MAX_WINDOW_IMPORT_BYTES);
    if (tooLarge) {
      setProblem(`${tooLarge.name} is over 1 GB. Import exports that large with the command line (stance import); nothing was imported.`);
      return;
    }
    setPicked(files);
    try {
      const payload = await Promise.all(
        files.map(async (file) => ({
          fileName: file.webkitRelativePath || file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
          ...(file.webkitRelativePath || inFolder.has(file) ? { inFolder: true } : {}),
        })),
      );
      const { jobId } = await request('imports:start', { files: payload, timeZone: systemTimeZone() });
      setJob({ jobId, progress: { filesRead: 0, filesTotal: files.length, runsImported: 0, currentFile: files[0]?.name ?? null }, outcomes: [], outcomeCount: 0, summary: null, failure: null });
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    void start(await filesFromDrop(event.dataTransfer.items, event.dataTransfer.files));
  }

  const summary = job?.summary ?? null;
  const progress = job?.progress;
  const notStarted = summary?.cancelled && progress ? Math.max(0, progress.filesTotal - progress.filesRead) : 0;
  const headline = summaryLine(summary, outcomes, notStarted);
  const fileByName = new Map(picked.map((file) => [file.webkitRelativePath || file.name, file]));

  /**
   * The answer of a second import of one file (a date given, "Import anyway") put in place of its
   * recordings' outcomes. Recordings imported the first time come back as duplicates of themselves:
   * the first answer is kept for those.
   */
  function replace(fileName: string, result: GpxImportResult) {
    setOutcomes((list) =>
      list.map((o) => {
        if (o.file !== fileName || o.entry !== null) return o;
        const next = result.recordings.find((r) => (r.track?.index ?? null) === (o.track?.index ?? null)) ?? (result.recordings.length === 1 ? result.recordings[0] : undefined);
        if (next === undefined) return o;
        if (o.status === 'imported' && next.status === 'duplicate' && next.duplicateOf === 'same-points' && next.runId === o.runId) return o;
        switch (next.status) {
          case 'imported':
            return { ...o, status: 'imported', runId: next.runId, distanceMetres: next.distanceMetres, points: next.points, startedAt: next.startedAt, reason: null, code: null, warnings: next.warnings, untimed: next.untimed };
          case 'duplicate':
            return { ...o, status: 'duplicate', runId: next.runId, distanceMetres: next.distanceMetres, reason: next.reason, code: next.duplicateOf === 'near' ? 'near-duplicate' : 'same-points' };
          default:
            return { ...o, status: 'refused', reason: next.reason, code: (next.refusal === 'no-times' ? 'needs-start-time' : next.refusal) as ImportOutcomeCode };
        }
      }),
    );
    if (result.recordings.some((recording) => recording.status === 'imported')) onImported();
  }

  async function importAnyway(file: File) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      replace(file.webkitRelativePath || file.name, await request('runs:importGpx', { fileName: file.webkitRelativePath || file.name, bytes, timeZone: systemTimeZone(), allowNearDuplicates: true }));
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  async function addShoes(names: string[]) {
    try {
      for (const name of names) await request('shoes:add', { name });
      setAddedShoes(names);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  return (
    <section className="card import-panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>Import runs</h2>
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
        onDrop={(event) => void onDrop(event)}
      >
        <p>
          Drop files or a folder here, or{' '}
          <button type="button" className="link" onClick={() => filesInput.current?.click()} disabled={running}>
            choose files
          </button>{' '}
          or{' '}
          <button type="button" className="link" onClick={() => folderInput.current?.click()} disabled={running}>
            a folder
          </button>
          .
        </p>
        <p className="hint">
          GPX, FIT and TCX files, gzipped (.gz) or not, and .zip archives — Strava’s bulk export and Garmin’s account export
          work as downloaded. Only runs are imported; rides, walks, swims and other sports are listed and skipped.
        </p>
        <input
          ref={filesInput}
          className="visually-hidden"
          type="file"
          accept=".gpx,.fit,.tcx,.gz,.zip,application/gpx+xml,application/zip,application/gzip"
          multiple
          aria-label="Files to import"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void start(files);
          }}
        />
        <input
          ref={folderInput}
          className="visually-hidden"
          type="file"
          multiple
          aria-label="Folder to import"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void start(files);
          }}
        />
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}

      {job && progress ? (
        <div className="import-progress">
          <progress max={Math.max(1, progress.filesTotal)} value={progress.filesRead} aria-label="Files imported so far" />
          <p role="status" aria-live="polite">
            {running
              ? `Importing ${Math.min(progress.filesRead + 1, progress.filesTotal)} of ${progress.filesTotal}: ${progress.currentFile ?? ''} — ${progress.runsImported} ${progress.runsImported === 1 ? 'run' : 'runs'} imported so far`
              : job.failure
                ? `The import stopped: ${job.failure} The runs imported before it are kept.`
                : headline}
          </p>
          {running ? (
            <button
              type="button"
              disabled={cancelling}
              onClick={() => {
                setCancelling(true);
                request('imports:cancel', { jobId: job.jobId }).catch((error: unknown) => setProblem(messageOf(error)));
              }}
            >
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : null}
          {!running && outcomes.length > 0 ? (
            <button
              type="button"
              onClick={() => {
                copyText(summaryText(outcomes, headline)).then(
                  () => setCopied(true),
                  () => setProblem('The summary could not be copied.'),
                );
              }}
            >
              {copied ? 'Copied' : 'Copy summary'}
            </button>
          ) : null}
        </div>
      ) : null}

      {summary && summary.otherFiles > 0 ? (
        <p className="hint" data-testid="import-other-files">
          {summary.otherFiles === 1 ? '1 file' : `${summary.otherFiles.toLocaleString()} files`} in the folders or archives{' '}
          {summary.otherFiles === 1 ? 'was' : 'were'} not an activity (photos, notes, settings) and {summary.otherFiles === 1 ? 'was' : 'were'} left alone.
        </p>
      ) : null}

      {summary && summary.gearOffered.length > 0 ? (
        <div className="import-gear">
          {addedShoes.length > 0 ? (
            <p>Added as shoes: {addedShoes.join(', ')}. Set them on the runs from each run’s Edit.</p>
          ) : (
            <p>
              Your export names shoes Stance does not know yet: {summary.gearOffered.join(', ')}.{' '}
              <button type="button" onClick={() => void addShoes(summary.gearOffered)}>
                Add as shoes
              </button>
            </p>
          )}
        </div>
      ) : null}

      {outcomes.length > 0 ? (
        <div className="import-groups" aria-label="What happened to each activity">
          {GROUPS.map(({ status, title, pill }) => {
            const members = outcomes.map((outcome, index) => ({ outcome, index })).filter(({ outcome }) => groupOf(outcome) === status);
            if (members.length === 0) return null;
            return (
              <details key={status} className={`import-group import-group-${status}`} open={status === 'refused' || status === 'needs-date' || members.length <= 20}>
                <summary>
                  {title} — {members.length.toLocaleString()}
                </summary>
                <ul className="import-summary">
                  {members.map(({ outcome, index }) => {
                    const file = outcome.entry === null ? fileByName.get(outcome.file) : undefined;
                    return (
                      <li key={index} className={`import-${groupOf(outcome)}`} data-testid="import-result">
                        <span className={`pill status-${groupOf(outcome)}`}>{pill}</span>
                        <span className="import-file" title={where(outcome)}>
                          {breakable(where(outcome))}
                        </span>
                        {outcome.status === 'imported' ? (
                          <span>
                            {formatDistance(outcome.distanceMetres ?? 0, units)}
                            {outcome.deviceName ? ` · ${outcome.deviceName}` : ''} ·{' '}
                            <button type="button" className="link" onClick={() => openRun(outcome.runId ?? 0)}>
                              open the run
                            </button>
                            {outcome.warnings.length > 0 ? <span className="import-reason">{outcome.warnings.join(' ')}</span> : null}
                          </span>
                        ) : (
                          <span className="import-reason">
                            {outcome.reason}
                            {outcome.status === 'duplicate' && outcome.runId !== null ? (
                              <>
                                {' '}
                                <button type="button" className="link" onClick={() => openRun(outcome.runId ?? 0)}>
                                  open that run
                                </button>
                              </>
                            ) : null}
                          </span>
                        )}
                        {outcome.status === 'duplicate' && outcome.code === 'near-duplicate' && file ? (
                          <button type="button" className="import-anyway" onClick={() => void importAnyway(file)}>
                            Import anyway
                          </button>
                        ) : null}
                        {needsDate(outcome) && file ? <GiveDate file={file} onResult={(next) => replace(outcome.file, next)} /> : null}
                      </li>
                    );
                  })}
                </ul>
              </details>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
