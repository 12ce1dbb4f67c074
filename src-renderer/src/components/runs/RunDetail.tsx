import { useState } from 'react';
import { UNTIMED_RUN_SUMMARY, type RecordingSourceView, type TrackSplit } from '../../../../src-main/shared/track';
import { elevationUnit, formatDistance, formatDuration, formatElevation, formatPace, fromElevationMetres, fromMetres } from '../../../../src-main/shared/units';
import { useChannel } from '../../api/hooks';
import { formatLocalDate, formatLocalTime } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';
import { useResolvedTheme } from '../../theme';
import { RunPainEditor } from '../pain/RunPainEditor';
import { FollowupForm } from '../clinic/FollowupForm';
import { PainLight } from '../clinic/PainLight';
import { ProfileChart } from './ProfileChart';
import { RouteMap } from './RouteMap';
import { RunSpikeLine } from './RunSpikeLine';
import { sourceName } from '../../../../src-main/shared/import-formats';

const locationLabels: Record<string, string> = {
  lateral_knee: 'outside of the knee',
  front_knee: 'front of the knee',
  hip: 'hip',
  other: 'elsewhere',
};

/** One run: its numbers, its route, pace and elevation along it, its splits, and its knee pain. */
export function RunDetail({ runId, onBack }: { runId: number; onBack: () => void }) {
  const { units, theme: themeChoice } = useLoadedSettings();
  const theme = useResolvedTheme(themeChoice);
  const runRead = useChannel('runs:get', { id: runId });
  const trackRead = useChannel('runs:track', { id: runId }, { live: false });
  const painRead = useChannel('pain:getForRun', { runId });
  const followupRead = useChannel('followup:get', { runId }, { skip: painRead.data?.status !== 'pain' });
  const followup = painRead.data?.status === 'pain' ? followupRead.data : undefined;
  const run = runRead.data;
  const track = trackRead.data;
  const pain = painRead.data;
  const loadError = runRead.error ?? trackRead.error ?? painRead.error;
  const [editingPain, setEditingPain] = useState<{ onsetMetres?: number } | null>(null);

  const firstOnset = pain?.sites.length ? Math.min(...pain.sites.map((site) => site.painOnsetMetres)) : null;
  const splits: TrackSplit[] = track ? (units === 'mi' ? track.splits.mi : track.splits.km) : [];

  return (
    <div className="page">
      <div>
        <button type="button" className="link back-link" onClick={onBack}>
          ← All runs
        </button>
      </div>
      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : !run || track === undefined ? (
        <p className="muted" role="status">
          Loading the run…
        </p>
      ) : (
        <>
          <header className="page-header">
            <div>
              <h1>
                {formatDistance(run.distanceMetres, units)} on {formatLocalDate(run.localDate)}
              </h1>
              <p className="muted">
                Started {formatLocalTime(run.localTime)} ({run.timeZone.replace(/_/g, ' ')}){track?.trackName ? ` · “${track.trackName}”` : ''}
                {track ? ` · from ${track.fileName}` : ''}
              </p>
              {track?.source ? <RecordingSource source={track.source} /> : null}
            </div>
          </header>

          <dl className="run-stats">
            <div>
              <dt>Time</dt>
              <dd>{formatDuration(run.durationSeconds)}</dd>
            </div>
            <div>
              <dt>Pace</dt>
              <dd>{formatPace(run.distanceMetres, run.durationSeconds, units)}</dd>
            </div>
            {run.movingSeconds ? (
              <div>
                <dt>Moving</dt>
                <dd>
                  {formatDuration(run.movingSeconds)} · {formatPace(run.distanceMetres, run.movingSeconds, units)}
                </dd>
              </div>
            ) : null}
            {run.elevationGainMetres !== null ? (
              <div>
                <dt>Climb</dt>
                <dd>
                  +{formatElevation(run.elevationGainMetres, units)} / −{formatElevation(run.elevationLossMetres ?? 0, units)}
                </dd>
              </div>
            ) : null}
            {run.averageHeartRate ? (
              <div>
                <dt>Heart rate</dt>
                <dd>{Math.round(run.averageHeartRate)} bpm average</dd>
              </div>
            ) : null}
          </dl>
          <RunSpikeLine runId={run.id} units={units} />

          <section className="card" aria-labelledby="run-pain">
            <div className="panel-head">
              <h2 id="run-pain">Knee pain</h2>
              <button type="button" onClick={() => setEditingPain({})}>
                {pain?.status === 'unrecorded' ? 'Record knee pain…' : 'Change…'}
              </button>
            </div>
            {pain?.status === 'unrecorded' ? (
              <p className="muted">Not recorded yet.{track ? ' Click the chart below where it began, or record it here.' : ''}</p>
            ) : pain?.status === 'none' ? (
              <p data-testid="pain-summary">No pain: pain-free for the whole {formatDistance(run.distanceMetres, units)}.</p>
            ) : (
              <ul className="pain-sites" data-testid="pain-summary">
                {pain?.sites.map((site, index) => (
                  <li key={index}>
                    Began at {formatDistance(site.painOnsetMetres, units)} — {site.side === 'both' ? 'both sides' : site.side},{' '}
                    {locationLabels[site.location] ?? site.location}, worst {site.worstScore}/10
                  </li>
                ))}
              </ul>
            )}
            {followup?.judgement ? <PainLight judgement={followup.judgement} /> : null}
            {followup && !editingPain ? <FollowupForm key={`${followup.scores.after}-${followup.scores.nextMorning}`} run={run} followup={followup} /> : null}
            {editingPain ? (
              <RunPainEditor
                run={run}
                {...(editingPain.onsetMetres !== undefined ? { initialOnsetMetres: editingPain.onsetMetres } : {})}
                onSaved={() => setEditingPain(null)}
                onCancel={() => setEditingPain(null)}
              />
            ) : null}
          </section>

          {track ? (
            <>
              <div className="run-visuals">
                <section className="card" aria-labelledby="run-route">
                  <h2 id="run-route">Route</h2>
                  {track.route.length > 0 ? (
                    <RouteMap route={track.route} label={`The route of the run, ${track.pointCount} recorded points`} />
                  ) : (
                    <p className="muted">No route: this run was recorded without GPS (a treadmill or indoor run), so its distance is the watch’s own.</p>
                  )}
                </section>
                <section className="card chart-card" aria-labelledby="run-profile">
                  <h2 id="run-profile">{track.hasTimes ? 'Pace and elevation' : 'Elevation'}</h2>
                  {track.hasTimes ? null : <p className="hint">{UNTIMED_RUN_SUMMARY}</p>}
                  <ProfileChart
                    hasPace={track.hasTimes}
                    theme={theme}
                    profile={track.profile}
                    units={units}
                    onsetMetres={firstOnset}
                    onPick={(metres) => setEditingPain({ onsetMetres: metres })}
                  />
                </section>
              </div>
              {splits.length > 0 ? (
                <section className="card table-card" aria-labelledby="run-splits">
                  <h2 id="run-splits" className="table-title">
                    Splits per {units === 'mi' ? 'mile' : 'kilometre'}
                  </h2>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{units === 'mi' ? 'Mile' : 'Km'}</th>
                        <th scope="col" className="num">
                          Pace
                        </th>
                        <th scope="col" className="num">
                          Climb
                        </th>
                        <th scope="col" className="num">
                          Heart rate
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {splits.map((split) => (
                        <tr key={split.number} data-testid="split-row">
                          <td>
                            {split.number}
                            {split.isPartial ? ` (${fromMetres(split.distanceMetres, units).toFixed(2)} ${units})` : ''}
                          </td>
                          <td className="num">{split.paceSecondsPerUnit === null ? '–' : `${formatDuration(split.paceSecondsPerUnit)} /${units}`}</td>
                          <td className="num">
                            {split.elevationGainMetres === null
                              ? '–'
                              : `+${Math.round(fromElevationMetres(split.elevationGainMetres, units))} / −${Math.round(fromElevationMetres(split.elevationLossMetres ?? 0, units))} ${elevationUnit(units)}`}
                          </td>
                          <td className="num">{split.averageHeartRate === null ? '–' : `${Math.round(split.averageHeartRate)} bpm`}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              ) : null}
              {track.warnings.length > 0 ? (
                <section className="card" aria-labelledby="run-import-notes">
                  <h2 id="run-import-notes">Notes from the import</h2>
                  <ul>
                    {track.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </>
          ) : (
            <p className="muted">This run was logged by hand, so it has no route or splits.</p>
          )}
        </>
      )}
    </div>
  );
}

/** "Recorded by Garmin Forerunner 255 · FIT file · trail running · effort 7/10 from the watch". */
function RecordingSource({ source }: { source: RecordingSourceView }) {
  const parts: string[] = [];
  if (source.deviceName) parts.push(`Recorded by ${source.deviceName}`);
  if (source.format) parts.push(`${sourceName(source.format)}${['gpx', 'fit', 'tcx'].includes(source.format) ? ' file' : ''}${source.archiveEntry ? ` (${source.archiveEntry} in an archive)` : ''}`);
  if (source.subSport && source.subSport !== 'generic') parts.push(`${source.subSport.replace(/_/g, ' ')} ${source.sport === 'running' ? 'run' : (source.sport ?? '')}`.trim());
  if (source.effortFromWatch !== null) parts.push(`effort ${source.effortFromWatch}/10 from the watch`);
  if (source.watchFeel) parts.push(`felt ${source.watchFeel}`);
  if (parts.length === 0) return null;
  return (
    <p className="muted" data-testid="run-source">
      {parts.join(' · ')}
    </p>
  );
}
