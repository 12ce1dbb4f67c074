import { InputEcho } from '../components/InputEcho';
import { Fragment, useId, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { PainStatus, Run } from '../../../src-main/shared/domain';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import { useChannel, useSave } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { RunForm } from '../components/RunForm';
import { RunPainEditor } from '../components/pain/RunPainEditor';
import { ActivityImport } from '../components/runs/ActivityImport';
import { storedImportJob } from '../api/import-job';
import { LogRun } from '../components/runs/LogRun';
import { RunDetail } from '../components/runs/RunDetail';
import { useFocusAfterSave } from '../focus';
import { formatLocalDate, formatLocalTime } from '../local-clock';
import { useDestination } from '../navigation';
import { runsByWeek } from '../runs-by-week';
import { useLoadedSettings } from '../settings-context';
import { painSavedMessage, plural, runName } from '../wording';

const painLabels: Record<PainStatus, string> = {
  unrecorded: 'Not recorded',
  none: 'No pain',
  pain: 'Pain',
};

type Editing = { mode: 'add' } | { mode: 'import' } | { mode: 'edit'; run: Run } | { mode: 'pain'; run: Run } | null;

/** The runs, newest first, week by week; logging, importing, editing and a run's own page. */
/**
 * Arrow keys in the runs table: ← → move between a run's date and its Pain, Edit and Delete
 * buttons; ↑ ↓ to the same place in the run above or below. Only the dates are Tab stops, so
 * reaching an older run takes one Tab per run, not four.
 */
function moveInRunsTable(event: KeyboardEvent<HTMLTableElement>): void {
  const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
  const move = moves[event.key];
  const here = event.target as HTMLElement;
  const row = here.closest('tr[data-testid="run-row"]');
  if (!move || !row || here.tagName !== 'BUTTON') return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLTableRowElement>('tr[data-testid="run-row"]')];
  const stops = (of: Element) => [...of.querySelectorAll<HTMLButtonElement>('button')];
  const column = stops(row).indexOf(here as HTMLButtonElement);
  const targetRow = rows[rows.indexOf(row as HTMLTableRowElement) + move[0]];
  const target = targetRow ? stops(targetRow)[Math.max(0, Math.min(column + move[1], stops(targetRow).length - 1))] : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

export function RunsPage() {
  const { units, weekStartsOn } = useLoadedSettings();
  const destination = useDestination();
  const id = useId();
  // An import still going when the window was reloaded: its panel opens again, where it goes on.
  const [editing, setEditing] = useState<Editing>(() => (storedImportJob() !== null ? { mode: 'import' } : null));
  const [notice, setNotice] = useState<string>();
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [deleting, setDeleting] = useState<Run>();
  const [viewing, setViewing] = useState<number | undefined>('runId' in destination ? destination.runId : undefined);
  const focusOn = useFocusAfterSave();
  const query = { ...(fromDate ? { fromDate } : {}), ...(toDate ? { toDate } : {}) };
  const { data: runs, error: loadError } = useChannel('runs:list', query, { keepPrevious: true });
  const remove = useSave('runs:delete');

  async function confirmDelete(run: Run) {
    setDeleting(undefined);
    if (await remove.save({ id: run.id })) {
      setNotice(`Deleted ${runName(run)}.`);
      focusOn('runs-heading');
    }
  }

  function done(run: Run, message: string) {
    setNotice(message);
    setEditing(null);
    focusOn(`run-${run.id}`);
  }

  // Files dropped anywhere on the page open the import panel instead of being lost.
  function dropOnPage(event: DragEvent) {
    if (editing?.mode === 'import' || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setEditing({ mode: 'import' });
    setNotice('The import panel is open: drop the files on it, or choose them.');
  }

  const filtered = fromDate !== '' || toDate !== '';

  if (viewing !== undefined) {
    return (
      <RunDetail
        runId={viewing}
        onBack={() => {
          const shown = viewing;
          setViewing(undefined);
          focusOn(`run-${shown}`);
        }}
      />
    );
  }
  const weeks = runs ? runsByWeek(runs, weekStartsOn) : [];

  return (
    <div className="page" onDragOver={(event) => event.dataTransfer.types.includes('Files') && event.preventDefault()} onDrop={dropOnPage}>
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} data-focus-key="runs-heading">
            Runs
          </h1>
          <p className="muted">Every run you log, newest first, week by week.</p>
        </div>
        {editing === null ? (
          <div className="quick-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setEditing({ mode: 'add' });
                setNotice(undefined);
              }}
            >
              Log a run
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing({ mode: 'import' });
                setNotice(undefined);
              }}
            >
              Import runs
            </button>
          </div>
        ) : null}
      </header>

      {editing?.mode === 'add' ? <LogRun onDone={done} onCancel={() => setEditing(null)} /> : null}
      {editing?.mode === 'edit' ? (
        <RunForm
          key={editing.run.id}
          run={editing.run}
          onSaved={(run) => done(run, `Saved changes to ${runName(run)}.`)}
          onCancel={() => {
            setEditing(null);
            focusOn(`run-${editing.run.id}`);
          }}
        />
      ) : null}
      {editing?.mode === 'import' ? <ActivityImport onClose={() => setEditing(null)} openRun={setViewing} /> : null}
      {editing?.mode === 'pain' ? (
        <RunPainEditor
          key={editing.run.id}
          run={editing.run}
          onSaved={() => done(editing.run, painSavedMessage(editing.run))}
          onCancel={() => {
            setEditing(null);
            focusOn(`run-${editing.run.id}`);
          }}
        />
      ) : null}

      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {remove.formError}

      {runs && (runs.length > 0 || filtered) ? (
        <form className="filter-bar" aria-label="Show runs between dates" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
            <InputEcho kind="date" value={fromDate} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
            <InputEcho kind="date" value={toDate} />
          </div>
          {filtered ? (
            <button
              type="button"
              onClick={() => {
                setFromDate('');
                setToDate('');
              }}
            >
              Show all
            </button>
          ) : null}
        </form>
      ) : null}

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : !runs ? (
        <p className="muted" role="status">
          Loading runs…
        </p>
      ) : runs.length === 0 && filtered ? (
        <p className="muted">No runs between those dates.</p>
      ) : runs.length === 0 && editing === null ? (
        <EmptyState
          title="No runs yet"
          action={
            <>
              <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
                Log your first run
              </button>
              <button type="button" onClick={() => setEditing({ mode: 'import' })}>
                Import runs from your watch or Strava
              </button>
            </>
          }
        >
          <p>
            Start with your most recent run: the date, how far and how long. Each run you log is a chance to note whether
            your knee hurt and how far in it started — that is what the Insights page learns from.
          </p>
        </EmptyState>
      ) : runs.length > 0 ? (
        <div className="card table-card">
          <p className="hint table-hint" id="runs-keys">
            From the keyboard: Tab goes from run to run; ← and → reach its Pain, Edit and Delete buttons, ↑ and ↓ the run above or below.
          </p>
          <table className="runs-table" onKeyDown={moveInRunsTable} aria-describedby="runs-keys">
            <caption className="visually-hidden">Your runs, newest first, grouped by week</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Start</th>
                <th scope="col" className="num">
                  Distance
                </th>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col" className="num">
                  Pace
                </th>
                <th scope="col">Knee pain</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <Fragment key={week.weekStart}>
                  <tr className="week-row" data-testid="week-row">
                    <th scope="rowgroup" colSpan={2}>
                      Week of {formatLocalDate(week.weekStart)}
                    </th>
                    <td className="num">{formatDistance(week.distanceMetres, units)}</td>
                    <td className="num">{formatDuration(week.durationSeconds)}</td>
                    <td colSpan={3} className="muted">
                      {plural(week.runs.length, 'run', 'runs')}
                    </td>
                  </tr>
                  {week.runs.map((run) => (
                    <tr key={run.id} data-testid="run-row">
                      <td className="run-date-cell">
                        <button
                          type="button"
                          className="link run-link"
                          data-focus-key={`run-${run.id}`}
                          // The date as shown plus the start time: two runs on one day are told apart.
                          aria-label={`${formatLocalDate(run.localDate)} at ${formatLocalTime(run.localTime)}`}
                          onClick={() => setViewing(run.id)}
                        >
                          {formatLocalDate(run.localDate)}
                        </button>
                        {run.hasTrack ? (
                          <span className="gps-badge" title="Imported with a GPS track">
                            GPS
                          </span>
                        ) : null}
                        {run.notes ? <span className="row-note">{run.notes}</span> : null}
                      </td>
                      <td className="nowrap">{formatLocalTime(run.localTime)}</td>
                      <td className="num">{formatDistance(run.distanceMetres, units)}</td>
                      <td className="num">{formatDuration(run.durationSeconds)}</td>
                      <td className="num" data-testid="run-pace">
                        {/* Moving pace where the track knows the stops: a run with a long stop is not a slow run. */}
                        {formatPace(run.distanceMetres, run.movingSeconds ?? run.durationSeconds, units)}
                      </td>
                      <td>
                        <span className={`pill pain-${run.painStatus}`}>{painLabels[run.painStatus]}</span>
                      </td>
                      <td className="row-actions">
                        {/* Out of the Tab order: ← → from the run's date reach them (one Tab stop per run). */}
                        <button type="button" tabIndex={-1} className="small" onClick={() => setEditing({ mode: 'pain', run })} aria-label={`Knee pain for ${runName(run)}`}>
                          Pain…
                        </button>
                        <button type="button" tabIndex={-1} className="small" onClick={() => setEditing({ mode: 'edit', run })} aria-label={`Edit ${runName(run)}`}>
                          Edit
                        </button>
                        <button type="button" tabIndex={-1} className="small" onClick={() => setDeleting(run)} aria-label={`Delete ${runName(run)}`}>
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this run?"
        confirmLabel="Delete run"
        cancelLabel="Keep it"
        onConfirm={() => deleting && void confirmDelete(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        {deleting ? (
          <p>
            The run of {formatLocalDate(deleting.localDate)} ({formatDistance(deleting.distanceMetres, units)}) will be deleted,
            with its knee-pain record and its GPS track. This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
