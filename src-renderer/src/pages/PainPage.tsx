import { useEffect, useState } from 'react';
import type { Run } from '../../../src-main/shared/domain';
import {
  checkinContextLabels,
  describeSite,
  painActionLabels,
  type PainCheckin,
  type PainOverview,
  type RecordedRunPain,
} from '../../../src-main/shared/pain';
import { formatDistance } from '../../../src-main/shared/units';
import { useChannel, useSave } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { CheckinForm } from '../components/pain/CheckinForm';
import { RunPainEditor } from '../components/pain/RunPainEditor';
import { ScoreBadge } from '../components/pain/ScoreBadge';
import { useFocusAfterSave } from '../focus';
import { formatLocalDate, formatLocalTime } from '../local-clock';
import { useDestination, useNavigate } from '../navigation';
import { useLoadedSettings } from '../settings-context';
import { painSavedMessage, plural, runName } from '../wording';
import { KneeCheckTrend } from '../components/clinic/KneeCheckTrend';

/** Runs the page lists in each section, and in each page of waiting runs. */
const RUNS_SHOWN = 8;

/**
 * Knee pain: every run still waiting for a pain note (paged, newest first; any can be marked
 * "not recorded"), the daily check-in, its history, and the latest runs with a pain note.
 */
export function PainPage() {
  const { units } = useLoadedSettings();
  const navigate = useNavigate();
  const destination = useDestination();
  const [waitingOffset, setWaitingOffset] = useState(0);
  const overviewRead = useChannel('pain:overview', { limit: RUNS_SHOWN, waitingOffset }, { keepPrevious: true });
  const checkinsRead = useChannel('checkins:list', {});
  const overview = overviewRead.data;
  const checkins = checkinsRead.data;
  const loadError = overviewRead.error ?? checkinsRead.error;
  const [notice, setNotice] = useState<string>();
  const [painRun, setPainRun] = useState<Run>();
  const openedFor = 'painForRunId' in destination ? destination.painForRunId : undefined;
  const requestedRun = useChannel('runs:get', { id: openedFor ?? 1 }, { skip: openedFor === undefined, live: false }).data;
  const [requestedDone, setRequestedDone] = useState(false);
  const editingRun = painRun ?? (requestedDone ? undefined : requestedRun);
  const [editingCheckin, setEditingCheckin] = useState<PainCheckin>();
  const [deleting, setDeleting] = useState<PainCheckin>();
  const [newCheckinKey, setNewCheckinKey] = useState(0);
  const removeCheckin = useSave('checkins:delete');
  const markNotRecorded = useSave('pain:setForRun');
  const focusOn = useFocusAfterSave();

  function openPainEditor(run: Run) {
    setPainRun(run);
    setNotice(undefined);
  }

  function closePainEditor(message?: string) {
    setPainRun(undefined);
    setRequestedDone(true);
    if (message) setNotice(message);
    focusOn('pain-heading');
  }

  async function leaveNotRecorded(run: Run) {
    if (await markNotRecorded.save({ runId: run.id, status: 'unrecorded', sites: [] })) {
      setNotice(`Left ${runName(run)} as not recorded. It no longer waits here; change it from the Runs page any time.`);
      focusOn('pain-waiting-title');
    }
  }

  async function confirmDelete(checkin: PainCheckin) {
    setDeleting(undefined);
    if (await removeCheckin.save({ id: checkin.id })) {
      if (editingCheckin?.id === checkin.id) setEditingCheckin(undefined);
      setNotice(`Deleted the check-in of ${formatLocalDate(checkin.localDate)}.`);
    }
  }

  const loaded = overview !== undefined && checkins !== undefined;
  const isNewRunner = loaded && overview.runCount === 0 && checkins.length === 0;

  return (
    <div className="page pain-page">
      <header className="page-header">
        <div>
          <h1 tabIndex={-1} data-focus-key="pain-heading">
            Pain
          </h1>
          <p className="muted">When in a run your knee starts to hurt, and how it feels from day to day.</p>
        </div>
      </header>

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
      {removeCheckin.formError}
      {markNotRecorded.formError}

      {editingRun ? (
        <RunPainEditor
          key={editingRun.id}
          run={editingRun}
          onSaved={() => closePainEditor(painSavedMessage(editingRun))}
          onCancel={() => closePainEditor()}
        />
      ) : null}

      {!loaded ? (
        loadError ? null : (
          <p className="muted" role="status">
            Loading…
          </p>
        )
      ) : (
        <>
          {isNewRunner ? (
            <EmptyState
              title="No pain recorded yet"
              action={
                <button type="button" className="primary" onClick={() => navigate('today')}>
                  Log a run on Today
                </button>
              }
            >
              <p>
                Start with how your knee feels today: score it in the check-in below. Then log your next run, and come back to
                note whether it hurt — how far in it started, where, which side and how bad.
              </p>
              <p className="muted">
                A run without pain counts too: it shows how far you got pain-free, and that is what Insights compares.
              </p>
            </EmptyState>
          ) : null}

          <div className="pain-columns">
          {overview.waitingCount > 0 ? (
            <WaitingRuns
              overview={overview}
              units={units}
              onRecord={openPainEditor}
              onNotRecorded={(run) => void leaveNotRecorded(run)}
              onPage={setWaitingOffset}
              busy={markNotRecorded.saving || overviewRead.loading}
            />
          ) : overview.runCount > 0 ? (
            <p className="notice pain-all-noted">
              Every run has an answer.
              {overview.notRecordedCount > 0 ? ` ${plural(overview.notRecordedCount, 'run is', 'runs are')} left as not recorded.` : ''} After your next
              run, Stance asks whether your knee hurt.
            </p>
          ) : null}

          <CheckinForm
            key={editingCheckin ? `edit-${editingCheckin.id}` : `new-${newCheckinKey}`}
            checkin={editingCheckin}
            onSaved={(checkin) => {
              setNotice(
                editingCheckin
                  ? `Saved changes to the check-in of ${formatLocalDate(checkin.localDate)}.`
                  : `Saved your check-in for ${formatLocalDate(checkin.localDate)}.`,
              );
              setEditingCheckin(undefined);
              setNewCheckinKey((key) => key + 1);
              focusOn(`checkin-${checkin.id}`);
            }}
            onCancel={editingCheckin ? () => setEditingCheckin(undefined) : undefined}
          />
          </div>

          {checkins.length > 0 ? (
            <CheckinHistory
              checkins={checkins}
              editingId={editingCheckin?.id}
              onEdit={(checkin) => {
                setEditingCheckin(checkin);
                setNotice(undefined);
              }}
              onDelete={setDeleting}
            />
          ) : null}

          {overview.recorded.length > 0 ? <RecordedRuns recorded={overview.recorded} units={units} onChange={openPainEditor} /> : null}
          <KneeCheckTrend />
        </>
      )}

      <ConfirmDialog
        open={deleting !== undefined}
        title="Delete this check-in?"
        confirmLabel="Delete check-in"
        cancelLabel="Keep it"
        onConfirm={() => deleting && void confirmDelete(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        {deleting ? (
          <p>
            The check-in of {formatLocalDate(deleting.localDate)} ({checkinContextLabels[deleting.context].toLowerCase()}) will be
            deleted. This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

function WaitingRuns({
  overview,
  units,
  onRecord,
  onNotRecorded,
  onPage,
  busy,
}: {
  overview: PainOverview;
  units: 'mi' | 'km';
  onRecord: (run: Run) => void;
  onNotRecorded: (run: Run) => void;
  onPage: (offset: number) => void;
  busy: boolean;
}) {
  const first = overview.waitingOffset + 1;
  const last = overview.waitingOffset + overview.waiting.length;
  const hasNewer = overview.waitingOffset > 0;
  const hasOlder = last < overview.waitingCount;
  // A page emptied by the last "not recorded" on it goes back one page.
  const emptied = overview.waiting.length === 0 && hasNewer;
  useEffect(() => {
    if (emptied) onPage(Math.max(0, overview.waitingOffset - RUNS_SHOWN));
  }, [emptied, onPage, overview.waitingOffset]);
  return (
    <section className="card pain-waiting" aria-labelledby="pain-waiting-title">
      <h2 id="pain-waiting-title" tabIndex={-1} data-focus-key="pain-waiting-title">
        Runs waiting for a pain note <span className="count">({overview.waitingCount.toLocaleString()})</span>
      </h2>
      <p className="muted">
        Did your knee hurt? “No pain” is worth recording too: it tells Stance how far you got pain-free. If you cannot remember, leave the run
        as not recorded.
      </p>
      <ul className="waiting-list">
        {overview.waiting.map((run) => (
          <li key={run.id} className="waiting-run" data-testid="waiting-run">
            <span className="waiting-date">{formatLocalDate(run.localDate)}</span>
            <span className="muted">{formatLocalTime(run.localTime)}</span>
            <span className="num">{formatDistance(run.distanceMetres, units)}</span>
            <span className="waiting-actions">
              <button type="button" className="primary small" onClick={() => onRecord(run)} aria-label={`Record pain for ${runName(run)}`}>
                Record pain
              </button>
              <button type="button" className="small" disabled={busy} onClick={() => onNotRecorded(run)} aria-label={`Leave ${runName(run)} as not recorded`}>
                Not recorded
              </button>
            </span>
          </li>
        ))}
      </ul>
      {hasNewer || hasOlder ? (
        <nav className="pager" aria-label="Pages of runs waiting for a pain note">
          <button type="button" className="small" disabled={!hasNewer} onClick={() => onPage(Math.max(0, overview.waitingOffset - RUNS_SHOWN))}>
            ← Newer
          </button>
          <span className="muted" aria-live="polite">
            {first}–{last} of {overview.waitingCount.toLocaleString()}, newest first
          </span>
          <button type="button" className="small" disabled={!hasOlder} onClick={() => onPage(overview.waitingOffset + RUNS_SHOWN)}>
            Older →
          </button>
        </nav>
      ) : null}
    </section>
  );
}

function CheckinHistory({
  checkins,
  editingId,
  onEdit,
  onDelete,
}: {
  checkins: PainCheckin[];
  editingId: number | undefined;
  onEdit: (checkin: PainCheckin) => void;
  onDelete: (checkin: PainCheckin) => void;
}) {
  return (
    <section className="card table-card" aria-labelledby="checkin-history-title">
      <h2 id="checkin-history-title" className="table-card-title">
        Check-ins
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">When</th>
            <th scope="col" className="score-col">
              Left
            </th>
            <th scope="col" className="score-col">
              Right
            </th>
            <th scope="col">Notes</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {checkins.map((checkin) => (
            <tr key={checkin.id} data-testid="checkin-row" className={checkin.id === editingId ? 'editing' : undefined} tabIndex={-1} data-focus-key={`checkin-${checkin.id}`}>
              <td className="nowrap">{formatLocalDate(checkin.localDate)}</td>
              <td>{checkinContextLabels[checkin.context]}</td>
              <td className="score-col">
                <ScoreBadge score={checkin.leftScore} />
              </td>
              <td className="score-col">
                <ScoreBadge score={checkin.rightScore} />
              </td>
              <td className="checkin-notes">{checkin.notes}</td>
              <td className="row-actions">
                <button type="button" className="small" onClick={() => onEdit(checkin)} aria-label={`Edit the check-in of ${formatLocalDate(checkin.localDate)}`}>
                  Edit
                </button>
                <button type="button" className="small" onClick={() => onDelete(checkin)} aria-label={`Delete the check-in of ${formatLocalDate(checkin.localDate)}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RecordedRuns({ recorded, units, onChange }: { recorded: RecordedRunPain[]; units: 'mi' | 'km'; onChange: (run: Run) => void }) {
  return (
    <section className="card table-card" aria-labelledby="pain-recorded-title">
      <h2 id="pain-recorded-title" className="table-card-title">
        Recent runs with a pain note
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Distance
            </th>
            <th scope="col">Pain</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {recorded.map(({ run, sites }) => (
            <tr key={run.id} data-testid="recorded-run">
              <td className="nowrap">{formatLocalDate(run.localDate)}</td>
              <td className="num">{formatDistance(run.distanceMetres, units)}</td>
              <td>
                {sites.length === 0 ? (
                  <span className="pill pain-none">No pain</span>
                ) : (
                  <ul className="site-list">
                    {sites.map((site) => (
                      <li key={site.id}>
                        <ScoreBadge score={site.worstScore} label="worst" withScale /> {describeSite(site)}{' '}
                        <span className="muted">
                          from {formatDistance(site.painOnsetMetres, units)} · {painActionLabels[site.action].toLowerCase()}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="row-actions">
                <button type="button" className="small" onClick={() => onChange(run)} aria-label={`Change the pain note for ${runName(run)}`}>
                  Change
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
