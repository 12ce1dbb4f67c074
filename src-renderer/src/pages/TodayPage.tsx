import { useEffect, useState } from 'react';
import type { Run } from '../../../src-main/shared/domain';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import type { PageId } from '../App';
import { messageOf, request } from '../api/client';
import { formatLocalDate, todayLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

export function TodayPage({ navigate }: { navigate: (page: PageId) => void }) {
  const { units } = useLoadedSettings();
  const [runs, setRuns] = useState<Run[]>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    request('runs:list', {}).then(setRuns, (error: unknown) => setLoadError(messageOf(error)));
  }, []);

  const latest = runs?.[0];
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Today</h1>
          <p className="muted">{formatLocalDate(todayLocalDate())}</p>
        </div>
        <button type="button" className="primary" onClick={() => navigate('runs')}>
          Log a run
        </button>
      </header>

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : null}

      {latest ? (
        <section className="card" aria-labelledby="latest-run">
          <h2 id="latest-run">Your latest run</h2>
          <p className="big-figure">{formatDistance(latest.distanceMetres, units)}</p>
          <p className="muted">
            {formatLocalDate(latest.localDate)} at {latest.localTime} · {formatDuration(latest.durationSeconds)} ·{' '}
            {formatPace(latest.distanceMetres, latest.durationSeconds, units)}
          </p>
        </section>
      ) : null}

      {runs && runs.length === 0 ? (
        <section className="card welcome" aria-labelledby="welcome">
          <h2 id="welcome">Welcome to Stance</h2>
          <p>
            Stance helps you find out, from your own runs, whether skipping your glute and hip work brings the pain on the
            outside of your knee on earlier in a run. Everything stays on this computer.
          </p>
          <ol className="steps">
            <li>
              <strong>Pick miles or kilometres</strong> in{' '}
              <button type="button" className="link" onClick={() => navigate('settings')}>
                Settings
              </button>
              .
            </li>
            <li>
              <strong>Log your most recent run</strong> on the{' '}
              <button type="button" className="link" onClick={() => navigate('runs')}>
                Runs
              </button>{' '}
              page: date, distance and time.
            </li>
            <li>
              <strong>Say whether your knee hurt</strong> and how far into the run it started — or that it didn’t.
            </li>
            <li>
              <strong>Log your glute and hip sessions</strong> on the Strength page, so Stance can tell on-plan weeks from
              skipped ones.
            </li>
          </ol>
        </section>
      ) : null}
    </div>
  );
}
