import { useCallback, useEffect, useRef, useState } from 'react';
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
import type { PageId } from '../App';
import { messageOf, request } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { CheckinForm } from '../components/pain/CheckinForm';
import { RunPainEditor } from '../components/pain/RunPainEditor';
import { ScoreBadge } from '../components/pain/ScoreBadge';
import { formatLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

/** Runs the page lists in each section at most. */
const RUNS_SHOWN = 8;

export function PainPage({ navigate }: { navigate: (page: PageId) => void }) {
  const { units } = useLoadedSettings();
  const [overview, setOverview] = useState<PainOverview>();
  const [checkins, setCheckins] = useState<PainCheckin[]>();
  const [loadError, setLoadError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [painRun, setPainRun] = useState<Run>();
  const [editingCheckin, setEditingCheckin] = useState<PainCheckin>();
  const [deleting, setDeleting] = useState<PainCheckin>();
  const [newCheckinKey, setNewCheckinKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    Promise.all([request('pain:overview', { limit: RUNS_SHOWN }), request('checkins:list', {})]).then(
      ([runs, list]) => {
        setOverview(runs);
        setCheckins(list);
        setLoadError(undefined);
      },
      (error: unknown) => setLoadError(messageOf(error)),
    );
  }, []);
  useEffect(load, [load]);

  function openPainEditor(run: Run) {
    setPainRun(run);
    setNotice(undefined);
  }

  function closePainEditor(message?: string) {
    setPainRun(undefined);
    if (message) setNotice(message);
    load();
    heading.current?.focus();
  }

  async function confirmDelete(checkin: PainCheckin) {
    setDeleting(undefined);
    try {
      await request('checkins:delete', { id: checkin.id });
      if (editingCheckin?.id === checkin.id) setEditingCheckin(undefined);
      setNotice(`Deleted the check-in of ${formatLocalDate(checkin.localDate)}.`);
      load();
    } catch (error) {
      setNotice(undefined);
      setLoadError(messageOf(error));
    }
  }

  const loaded = overview !== undefined && checkins !== undefined;
  const isNewRunner = loaded && overview.runCount === 0 && checkins.length === 0;

  return (
    <div className="page pain-page">
      <header className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
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

      {painRun ? (
        <RunPainEditor
          key={painRun.id}
          run={painRun}
          onSaved={() => closePainEditor(`Saved the pain note for the run of ${formatLocalDate(painRun.localDate)}.`)}
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
                <button type="button" className="primary" onClick={() => navigate('runs')}>
                  Log a run
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

          {overview.waiting.length > 0 ? (
            <WaitingRuns overview={overview} units={units} onRecord={openPainEditor} />
          ) : overview.runCount > 0 ? (
            <p className="notice pain-all-noted">Every run has a pain note. Log your next run on the Runs page, then note it here.</p>
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
              load();
            }}
            onCancel={editingCheckin ? () => setEditingCheckin(undefined) : undefined}
          />

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

function WaitingRuns({ overview, units, onRecord }: { overview: PainOverview; units: 'mi' | 'km'; onRecord: (run: Run) => void }) {
  const more = overview.waitingCount - overview.waiting.length;
  return (
    <section className="card pain-waiting" aria-labelledby="pain-waiting-title">
      <h2 id="pain-waiting-title">Runs waiting for a pain note</h2>
      <p className="muted">
        Did your knee hurt? “No pain” is worth recording too: it tells Stance how far you got pain-free.
      </p>
      <ul className="waiting-list">
        {overview.waiting.map((run) => (
          <li key={run.id} className="waiting-run" data-testid="waiting-run">
            <span className="waiting-date">{formatLocalDate(run.localDate)}</span>
            <span className="muted">{run.localTime}</span>
            <span className="num">{formatDistance(run.distanceMetres, units)}</span>
            <button type="button" className="primary small" onClick={() => onRecord(run)} aria-label={`Record pain for the run of ${formatLocalDate(run.localDate)}`}>
              Record pain
            </button>
          </li>
        ))}
      </ul>
      {more > 0 ? (
        <p className="hint">
          And {more} older {more === 1 ? 'run' : 'runs'} without a pain note.
        </p>
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
            <tr key={checkin.id} data-testid="checkin-row" className={checkin.id === editingId ? 'editing' : undefined}>
              <td>{formatLocalDate(checkin.localDate)}</td>
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
              <td>{formatLocalDate(run.localDate)}</td>
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
                <button type="button" className="small" onClick={() => onChange(run)} aria-label={`Change the pain note for the run of ${formatLocalDate(run.localDate)}`}>
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
