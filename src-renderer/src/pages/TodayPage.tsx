import { useEffect, useState } from 'react';
import type { GlutePlan, TodaySummary } from '../../../src-main/shared/domain';
import { daysBetween } from '../../../src-main/shared/calendar';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import type { PageId } from '../App';
import { messageOf, request } from '../api/client';
import { formatLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

export function describePlan(plan: Pick<GlutePlan, 'kind' | 'sessionsPerWeek' | 'everyNDays'>): string {
  if (plan.kind === 'per_week') return `${plan.sessionsPerWeek}× a week`;
  return plan.everyNDays === 1 ? 'every day' : `every ${plan.everyNDays} days`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function formatPlanned(planned: number): string {
  return Number.isInteger(planned) ? String(planned) : planned.toFixed(1);
}

export function TodayPage({ navigate }: { navigate: (page: PageId) => void }) {
  const { units } = useLoadedSettings();
  const [summary, setSummary] = useState<TodaySummary>();
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    request('today:summary').then(setSummary, (error: unknown) => setLoadError(messageOf(error)));
  }, []);

  const latest = summary?.latestRun ?? null;
  const isNewRunner = summary !== undefined && latest === null && summary.lastGluteSessionDate === null && summary.plan === null;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Today</h1>
          <p className="muted">{summary ? formatLocalDate(summary.today) : ''}</p>
        </div>
        <div className="quick-actions" role="group" aria-label="Log">
          <button type="button" className="primary" onClick={() => navigate('runs')}>
            Log a run
          </button>
          <button type="button" onClick={() => navigate('pain')}>
            Log pain
          </button>
          <button type="button" onClick={() => navigate('strength')}>
            Log a session
          </button>
        </div>
      </header>

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : null}

      {summary && !isNewRunner ? (
        <div className="today-grid">
          <section className={`card stat ${summary.daysOverdue > 0 ? 'stat-warn' : ''}`} aria-labelledby="since-glute">
            <h2 id="since-glute">Since your last glute session</h2>
            {summary.daysSinceGluteSession === null ? (
              <p className="stat-empty">No glute or hip session logged yet.</p>
            ) : (
              <>
                <p className="big-figure" data-testid="days-since-glute">
                  {summary.daysSinceGluteSession === 0 ? 'Today' : plural(summary.daysSinceGluteSession, 'day', 'days')}
                </p>
                <p className="muted">Last one: {formatLocalDate(summary.lastGluteSessionDate!)}</p>
              </>
            )}
          </section>

          <section className="card stat" aria-labelledby="this-week">
            <h2 id="this-week">This week</h2>
            {summary.plannedThisWeek === null ? (
              <>
                <p className="big-figure" data-testid="week-done">
                  {plural(summary.gluteSessionsThisWeek, 'session', 'sessions')}
                </p>
                <p className="muted">
                  No plan yet.{' '}
                  <button type="button" className="link" onClick={() => navigate('settings')}>
                    Set your glute plan
                  </button>{' '}
                  to see whether you are on track.
                </p>
              </>
            ) : (
              <>
                <p className="big-figure" data-testid="week-done">
                  {summary.gluteSessionsThisWeek} of {formatPlanned(summary.plannedThisWeek)}
                </p>
                <progress
                  className="plan-progress"
                  max={Math.max(summary.plannedThisWeek, 1)}
                  value={Math.min(summary.gluteSessionsThisWeek, Math.max(summary.plannedThisWeek, 1))}
                  aria-label="Glute sessions done against planned this week"
                />
                <p className="muted">
                  planned glute sessions, {formatLocalDate(summary.weekStart, false)} – {formatLocalDate(summary.weekEnd, false)}
                </p>
              </>
            )}
          </section>

          <section className="card stat" aria-labelledby="next-due">
            <h2 id="next-due">Next glute session</h2>
            {summary.nextDue === null || summary.plan === null ? (
              <p className="stat-empty">Set a plan in Settings to see when the next one is due.</p>
            ) : (
              <>
                <p className="big-figure" data-testid="next-due">
                  {summary.daysOverdue > 0
                    ? `Overdue by ${plural(summary.daysOverdue, 'day', 'days')}`
                    : summary.nextDue === summary.today
                      ? 'Due today'
                      : daysBetween(summary.today, summary.nextDue) === 1
                        ? 'Due tomorrow'
                        : `Due ${formatLocalDate(summary.nextDue, false)}`}
                </p>
                <p className="muted">Your plan: glute or hip work {describePlan(summary.plan)}.</p>
              </>
            )}
          </section>
        </div>
      ) : null}

      {latest ? (
        <section className="card" aria-labelledby="latest-run">
          <h2 id="latest-run">Your latest run</h2>
          <p className="big-figure">{formatDistance(latest.distanceMetres, units)}</p>
          <p className="muted">
            {formatLocalDate(latest.localDate)} at {latest.localTime} · {formatDuration(latest.durationSeconds)} ·{' '}
            {formatPace(latest.distanceMetres, latest.durationSeconds, units)}
            {latest.painStatus === 'unrecorded' ? ' · knee pain not recorded yet' : ''}
          </p>
        </section>
      ) : null}

      {isNewRunner ? (
        <section className="card welcome" aria-labelledby="welcome">
          <h2 id="welcome">Welcome to Stance</h2>
          <p>
            Stance helps you find out, from your own runs, whether skipping your glute and hip work brings the pain on the
            outside of your knee on earlier in a run. Everything stays on this computer.
          </p>
          <ol className="steps">
            <li>
              <strong>Pick miles or kilometres, and your glute plan</strong> in{' '}
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
              <strong>Log your glute and hip sessions</strong> on the{' '}
              <button type="button" className="link" onClick={() => navigate('strength')}>
                Strength
              </button>{' '}
              page, so Stance can tell on-plan weeks from skipped ones.
            </li>
          </ol>
        </section>
      ) : null}
    </div>
  );
}
