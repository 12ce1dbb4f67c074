import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { ImportOutcomeView, ImportSummaryView } from '../../../../src-main/shared/import';
import { describeHeld } from '../../../../src-main/shared/import-formats';
import { formatDistance } from '../../../../src-main/shared/units';
import { messageOf, request } from '../../api/client';
import { useImportJob, type FileToImport } from '../../api/import-job';
import { needsDate } from '../../api/import-job-state';
import { useLoadedSettings } from '../../settings-context';
import { GiveDate } from './GiveDate';

interface Props {
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

function summaryLine(outcomes: ImportOutcomeView[], notStarted: number): string {
  // Counted from the outcomes (all of them are in once the summary is): "Import anyway" and a given date change them after the batch.
  const count = (status: Group) => outcomes.filter((o) => groupOf(o) === status).length;
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

/** "1 file in the folders or archives was not an activity and was left alone: 1 photo or video (not activities)." */
function otherFilesLine(summary: ImportSummaryView): string {
  const one = summary.otherFiles === 1;
  const held = describeHeld(summary.held);
  return (
    `${one ? '1 file' : `${summary.otherFiles.toLocaleString()} files`} in the folders or archives ${one ? 'was' : 'were'} not ${one ? 'an activity' : 'activities'} ` +
    `and ${one ? 'was' : 'were'} left alone${held === '' ? '' : `: ${held}`}.`
  );
}

/**
 * Import runs from files, archives and folders: .gpx, .fit, .tcx, .gz of them, .zip (Strava's,
 * Garmin's, Apple Health's exports) or a whole folder, picked or dropped. The import runs in
 * main's import worker; the job hook (api/import-job.ts) follows it by the events main pushes,
 * cancels it, and imports one file again with a date or "anyway". This panel shows it: progress,
 * then a summary grouped as imported / needs a date / already in Stance / other sports / refused,
 * reasons expandable and copyable, and what the files held that gave no run. Each run is one
 * transaction in main: all of it or none.
 */
export function ActivityImport({ onClose, openRun }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const { job, outcomes, running, cancelling, problem: jobProblem, start: startJob, cancel, importAgain } = useImportJob();
  const [picked, setPicked] = useState<File[]>([]);
  const [problem, setProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [copied, setCopied] = useState(false);
  const [addedShoes, setAddedShoes] = useState<string[]>([]);

  useEffect(() => {
    // A folder picker: the attribute React does not know.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  async function start(files: File[]) {
    if (files.length === 0 || running) return;
    setProblem(undefined);
    setCopied(false);
    setAddedShoes([]);
    setPicked(files);
    const given: FileToImport[] = files.map((file) => ({ file, name: file.webkitRelativePath || file.name, inFolder: file.webkitRelativePath !== '' || inFolder.has(file) }));
    await startJob(given);
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (running) return;
    void start(await filesFromDrop(event.dataTransfer.items, event.dataTransfer.files));
  }

  const summary = job?.summary ?? null;
  const progress = job?.progress;
  const finished = job !== null && !running;
  const notStarted = summary?.cancelled && progress ? Math.max(0, progress.filesTotal - progress.filesRead) : 0;
  const headline = summaryLine(outcomes, notStarted);
  const fileByName = new Map(picked.map((file) => [file.webkitRelativePath || file.name, file]));
  const shownProblem = problem ?? jobProblem;

  async function importAnyway(file: File, fileName: string) {
    try {
      await importAgain(file, fileName, { allowNearDuplicates: true });
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
          GPX, FIT and TCX files, gzipped (.gz) or not, and .zip archives — Strava’s bulk export, Garmin’s account export,
          Apple Health’s export.zip and Polar Flow’s export work as downloaded. Only runs are imported; rides, walks, swims
          and other sports are listed and skipped.
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
      {shownProblem ? (
        <p className="field-error" role="alert">
          {shownProblem}
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
            <button type="button" disabled={cancelling} onClick={cancel}>
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

      {finished && summary?.whatItHeld ? (
        <p className="import-held" data-testid="import-what-it-held">
          {summary.whatItHeld}
        </p>
      ) : finished && summary && summary.otherFiles > 0 ? (
        <p className="hint" data-testid="import-other-files">
          {otherFilesLine(summary)}
        </p>
      ) : null}

      {finished && summary && summary.notes.length > 0 ? (
        <ul className="import-notes" aria-label="What the import learnt about the export" data-testid="import-notes">
          {summary.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
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
                    const fileName = outcome.file;
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
                          <button type="button" className="import-anyway" onClick={() => void importAnyway(file, fileName)}>
                            Import anyway
                          </button>
                        ) : null}
                        {needsDate(outcome) && file ? <GiveDate file={file} importAgain={(options) => importAgain(file, fileName, options)} /> : null}
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
