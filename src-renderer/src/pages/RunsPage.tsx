import { Fragment, useCallback, useEffect, useId, useState } from 'react';
import type { PainStatus, Run } from '../../../src-main/shared/domain';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import { messageOf, request } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { RunForm } from '../components/RunForm';
import { RunPainEditor } from '../components/pain/RunPainEditor';
import { ActivityImport } from '../components/runs/ActivityImport';
import { RunDetail } from '../components/runs/RunDetail';
import { formatLocalDate } from '../local-clock';
import { runsByWeek } from '../runs-by-week';
import { useLoadedSettings } from '../settings-context';

const painLabels: Record<PainStatus, string> = {
  unrecorded: 'Not recorded',
  none: 'No pain',
  pain: 'Pain',
};

type Editing = { mode: 'add' } | { mode: 'import' } | { mode: 'edit'; run: Run } | { mode: 'pain'; run: Run } | null;

export function RunsPage() {
  const { units, weekStartsOn } = useLoadedSettings();
  const id = useId();
  const [runs, setRuns] = useState<Run[]>();
  const [loadError, setLoadError] = useState<string>();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string>();
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [deleting, setDeleting] = useState<Run>();
  const [viewing, setViewing] = useState<number>();

  const load = useCallback(() => {
    const query = { ...(fromDate ? { fromDate } : {}), ...(toDate ? { toDate } : {}) };
    request('runs:list', query).then(
      (list) => {
        setRuns(list);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(messageOf(error)),
    );
  }, [fromDate, toDate]);
  useEffect(load, [load]);

  async function confirmDelete(run: Run) {
    setDeleting(undefined);
    try {
      await request('runs:delete', { id: run.id });
      setNotice(`Deleted the run of ${formatLocalDate(run.localDate)}.`);
      load();
    } catch (error) {
      setNotice(undefined);
      setLoadError(messageOf(error));
    }
  }

  const filtered = fromDate !== '' || toDate !== '';

  if (viewing !== undefined) {
    return (
      <RunDetail
        runId={viewing}
        onBack={() => {
          setViewing(undefined);
          load();
        }}
      />
    );
  }
  const weeks = runs ? runsByWeek(runs, weekStartsOn) : [];

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Runs</h1>
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

      {editing?.mode === 'add' || editing?.mode === 'edit' ? (
        <RunForm
          key={editing.mode === 'edit' ? editing.run.id : 'new'}
          run={editing.mode === 'edit' ? editing.run : undefined}
          onSaved={(run) => {
            setNotice(`${editing.mode === 'edit' ? 'Saved changes to' : 'Saved:'} ${formatDistance(run.distanceMetres, units)} on ${formatLocalDate(run.localDate)}.`);
            setEditing(null);
            load();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {editing?.mode === 'import' ? <ActivityImport onImported={load} onClose={() => setEditing(null)} openRun={setViewing} /> : null}
      {editing?.mode === 'pain' ? (
        <RunPainEditor
          run={editing.run}
          onSaved={() => {
            setNotice(`Saved the knee pain for the run of ${formatLocalDate(editing.run.localDate)}.`);
            setEditing(null);
            load();
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}

      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {runs && (runs.length > 0 || filtered) ? (
        <form className="filter-bar" aria-label="Show runs between dates" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <input id={`${id}-to`} type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
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
          <table className="runs-table">
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
                      Week of {formatLocalDate(week.weekStart, week.weekStart.slice(0, 4) !== String(new Date().getFullYear()))}
                    </th>
                    <td className="num">{formatDistance(week.distanceMetres, units, 1)}</td>
                    <td className="num">{formatDuration(week.durationSeconds)}</td>
                    <td colSpan={3} className="muted">
                      {week.runs.length} {week.runs.length === 1 ? 'run' : 'runs'}
                    </td>
                  </tr>
                  {week.runs.map((run) => (
                    <tr key={run.id} data-testid="run-row">
                      <td>
                        <button type="button" className="link run-link" onClick={() => setViewing(run.id)}>
                          {formatLocalDate(run.localDate)}
                        </button>
                        {run.hasTrack ? <span className="gps-badge" title="Imported with a GPS track">GPS</span> : null}
                        {run.notes ? <span className="row-note">{run.notes}</span> : null}
                      </td>
                      <td>{run.localTime}</td>
                      <td className="num">{formatDistance(run.distanceMetres, units)}</td>
                      <td className="num">{formatDuration(run.durationSeconds)}</td>
                      <td className="num">{formatPace(run.distanceMetres, run.durationSeconds, units)}</td>
                      <td>
                        <span className={`pill pain-${run.painStatus}`}>{painLabels[run.painStatus]}</span>
                      </td>
                      <td className="row-actions">
                        <button type="button" className="small" onClick={() => setEditing({ mode: 'pain', run })} aria-label={`Knee pain for the run of ${formatLocalDate(run.localDate)}`}>
                          Pain…
                        </button>
                        <button type="button" className="small" onClick={() => setEditing({ mode: 'edit', run })} aria-label={`Edit the run of ${formatLocalDate(run.localDate)}`}>
                          Edit
                        </button>
                        <button type="button" className="small" onClick={() => setDeleting(run)} aria-label={`Delete the run of ${formatLocalDate(run.localDate)}`}>
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
