import { useState } from 'react';
import type { GlutePlan, Run } from '../../../src-main/shared/domain';
import { daysBetween } from '../../../src-main/shared/calendar';
import { formatDistance, formatDuration, formatPace } from '../../../src-main/shared/units';
import { useChannel } from '../api/hooks';
import { CheckinForm } from '../components/pain/CheckinForm';
import { RunPainEditor } from '../components/pain/RunPainEditor';
import { LogRun } from '../components/runs/LogRun';
import { TodayCheckins } from '../components/clinic/TodayCheckins';
import { TodayExperimentLine } from '../components/experiment/TodayExperimentLine';
import { NextRunCard } from '../components/today/NextRunCard';
import { SessionEditor } from '../components/strength/SessionEditor';
import { emptySessionForm } from '../components/strength/session-form';
import { useFocusAfterSave } from '../focus';
import { formatLocalDate, formatLocalTime, todayLocalDate } from '../local-clock';
import { useNavigate } from '../navigation';
import { useLoadedSettings } from '../settings-context';
import { painSavedMessage, plural } from '../wording';

export function describePlan(plan: Pick<GlutePlan, 'kind' | 'sessionsPerWeek' | 'everyNDays'>): string {
  if (plan.kind === 'per_week') return `${plan.sessionsPerWeek}× a week`;
  return plan.everyNDays === 1 ? 'every day' : `every ${plan.everyNDays} days`;
}

function formatPlanned(planned: number): string {
  return Number.isInteger(planned) ? String(planned) : planned.toFixed(1);
}

type Open = 'run' | 'checkin' | 'session' | { painFor: Run } | null;

/**
 * The day at a glance — days since the last glute session, this week against the plan, when the
 * next is due, the latest run — and the day's three entries, each opened right here.
 */
export function TodayPage() {
  const { units, loadUnit } = useLoadedSettings();
  const navigate = useNavigate();
  const { data: summary, error: loadError } = useChannel('today:summary');
  const library = useChannel('exercises:list', undefined, { skip: false, live: false }).data ?? [];
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string>();
  const focusOn = useFocusAfterSave();

  const latest = summary?.latestRun ?? null;
  const isNewRunner = summary !== undefined && latest === null && summary.lastGluteSessionDate === null && summary.plan === null;

  function opened(next: Open) {
    setOpen(next);
    setNotice(undefined);
  }
  function done(message: string, focusKey: string) {
    setOpen(null);
    setNotice(message);
    focusOn(focusKey);
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} data-focus-key="today-heading">
            Today
          </h1>
          <p className="muted">{summary ? formatLocalDate(summary.today) : ''}</p>
        </div>
        <div className="quick-actions" role="group" aria-label="Log">
          <button type="button" className="primary" aria-expanded={open === 'run'} onClick={() => opened('run')}>
            Log a run
          </button>
          <button type="button" aria-expanded={open === 'checkin'} onClick={() => opened('checkin')}>
            Log pain
          </button>
          <button type="button" aria-expanded={open === 'session'} onClick={() => opened('session')}>
            Log a session
          </button>
        </div>
      </header>

      {open === 'run' ? <LogRun onDone={(_run, message) => done(message, 'latest-run')} onCancel={() => setOpen(null)} /> : null}
      {open === 'checkin' ? (
        <CheckinForm
          autoFocus
          onSaved={(checkin) => done(`Saved your check-in for ${formatLocalDate(checkin.localDate)}. It is on the Pain page.`, 'today-heading')}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open === 'session' ? (
        <SessionEditor
          initial={emptySessionForm(todayLocalDate(), loadUnit)}
          title="Log a session"
          library={library}
          onSaved={(saved) =>
            done(
              `Saved your session of ${formatLocalDate(saved.localDate)}.${saved.countsAsGluteWork ? ' It counts as glute work.' : ' It has no glute or hip exercise, so it does not count towards your glute plan.'}`,
              'since-glute',
            )
          }
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open !== null && typeof open === 'object' ? (
        <RunPainEditor run={open.painFor} onSaved={() => done(painSavedMessage(open.painFor), 'latest-run')} onCancel={() => setOpen(null)} />
      ) : null}

      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : null}

      {summary && latest ? <NextRunCard today={summary.today} /> : null}

      {summary && !isNewRunner ? (
        <div className="today-grid">
          <section className={`card stat ${summary.daysOverdue > 0 ? 'stat-warn' : ''}`} aria-labelledby="since-glute" tabIndex={-1} data-focus-key="since-glute">
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
                <p className="muted">
                  {summary.plannedThisWeek !== null && summary.plannedThisWeek > 0 && summary.gluteSessionsThisWeek >= summary.plannedThisWeek
                    ? 'This week’s plan is done. '
                    : ''}
                  Your plan: glute or hip work {describePlan(summary.plan)}.
                </p>
              </>
            )}
          </section>
        </div>
      ) : null}

      {summary && !isNewRunner ? <TodayCheckins onSaved={(message) => done(message, 'today-heading')} /> : null}
      <TodayExperimentLine />

      {latest ? (
        <section className="card" aria-labelledby="latest-run" tabIndex={-1} data-focus-key="latest-run">
          <h2 id="latest-run">Your latest run</h2>
          <p className="big-figure">{formatDistance(latest.distanceMetres, units)}</p>
          <p className="muted">
            {formatLocalDate(latest.localDate)} at {formatLocalTime(latest.localTime)} · {formatDuration(latest.durationSeconds)} ·{' '}
            {formatPace(latest.distanceMetres, latest.movingSeconds ?? latest.durationSeconds, units)}
          </p>
          {latest.painStatus === 'unrecorded' && open === null ? (
            <p>
              Knee pain not recorded yet.{' '}
              <button type="button" className="link" onClick={() => opened({ painFor: latest })}>
                Did your knee hurt on this run?
              </button>
            </p>
          ) : latest.painStatus === 'unrecorded' ? (
            <p className="muted">Knee pain not recorded yet.</p>
          ) : (
            <p className="muted">{latest.painStatus === 'none' ? 'No knee pain on this run.' : 'Knee pain recorded on this run.'}</p>
          )}
        </section>
      ) : null}

      {isNewRunner && open === null ? (
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
              <strong>Log your most recent run</strong>:{' '}
              <button type="button" className="link" onClick={() => opened('run')}>
                log a run
              </button>{' '}
              with its date, distance and time.
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
