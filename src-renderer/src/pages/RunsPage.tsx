import { useCallback, useEffect, useState } from 'react';
import type { PainStatus, Run } from '../../../src-main/shared/domain';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import { messageOf, request } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { RunForm } from '../components/RunForm';
import { formatLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

const painLabels: Record<PainStatus, string> = {
  unrecorded: 'Not recorded',
  none: 'No pain',
  pain: 'Pain',
};

export function RunsPage() {
  const { units } = useLoadedSettings();
  const [runs, setRuns] = useState<Run[]>();
  const [loadError, setLoadError] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [justSaved, setJustSaved] = useState<Run>();

  const load = useCallback(() => {
    request('runs:list', {}).then(setRuns, (error: unknown) => setLoadError(messageOf(error)));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Runs</h1>
          <p className="muted">Every run you log, newest first.</p>
        </div>
        {!adding ? (
          <button type="button" className="primary" onClick={() => { setAdding(true); setJustSaved(undefined); }}>
            Log a run
          </button>
        ) : null}
      </header>

      {adding ? (
        <RunForm
          onSaved={(run) => {
            setAdding(false);
            setJustSaved(run);
            load();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}

      {justSaved ? (
        <p className="notice" role="status">
          Saved: {formatDistance(justSaved.distanceMetres, units)} on {formatLocalDate(justSaved.localDate)}.
        </p>
      ) : null}

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : !runs ? (
        <p className="muted" role="status">
          Loading runs…
        </p>
      ) : runs.length === 0 && !adding ? (
        <EmptyState
          title="No runs yet"
          action={
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              Log your first run
            </button>
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
            <caption className="visually-hidden">Your runs, newest first</caption>
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
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="run-row">
                  <td>{formatLocalDate(run.localDate)}</td>
                  <td>{run.localTime}</td>
                  <td className="num">{formatDistance(run.distanceMetres, units)}</td>
                  <td className="num">{formatDuration(run.durationSeconds)}</td>
                  <td className="num">{formatPace(run.distanceMetres, run.durationSeconds, units)}</td>
                  <td>
                    <span className={`pill pain-${run.painStatus}`}>{painLabels[run.painStatus]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
