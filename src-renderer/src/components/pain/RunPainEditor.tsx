import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PainStatus, Run } from '../../../../src-main/shared/domain';
import {
  MAX_SITES_PER_RUN,
  painActionLabels,
  painActions,
  painLocationLabels,
  painLocations,
  painSideLabels,
  painSides,
  type PainAction,
  type PainLocation,
  type PainSide,
  type PainSite,
  type RunPain,
} from '../../../../src-main/shared/pain';
import type { PainSiteDraft } from '../../../../src-main/shared/contract-pain';
import { formatDistance, fromMetres, parseDecimal, toMetres, unitLabel } from '../../../../src-main/shared/units';
import { StanceError, messageOf, request } from '../../api/client';
import { formatLocalDate } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';
import { Segmented } from './Segmented';

interface Props {
  run: Run;
  onSaved: () => void;
  onCancel: () => void;
  /** Where the runner clicked on the run's chart: starts the form at "pain began here". */
  initialOnsetMetres?: number;
}

/** One place that hurt, as typed: the onset and score stay text until Save. */
interface SiteDraft {
  key: number;
  onset: string;
  location: PainLocation;
  side: PainSide | '';
  worstScore: string;
  action: PainAction;
  notes: string;
  /** Already there when the run began (then no onset distance is asked for). */
  presentAtStart: boolean;
}

type SiteField = 'painOnsetMetres' | 'side' | 'worstScore' | 'notes';
interface Problem {
  message: string;
  /** Which site and field it is about, when it is about one. */
  site?: number;
  field?: SiteField | 'status';
}

let nextSiteKey = 1;

/** A checkbox beside its words, in body weight (inline: the shared stylesheet is being reworked). */
const checkLabel = { display: 'flex', alignItems: 'center', gap: 8, fontWeight: 'normal' } as const;

function newSite(side: PainSide | ''): SiteDraft {
  return { key: nextSiteKey++, onset: '', location: 'lateral_knee', side, worstScore: '', action: 'kept_going', notes: '', presentAtStart: false };
}

function siteFromRecord(site: PainSite, units: 'mi' | 'km'): SiteDraft {
  return {
    key: nextSiteKey++,
    onset: String(Number(fromMetres(site.painOnsetMetres, units).toFixed(2))),
    location: site.location,
    side: site.side,
    worstScore: String(site.worstScore),
    action: site.action,
    notes: site.notes,
    presentAtStart: site.presentAtStart,
  };
}

/** Reads main's field path ("sites.1.worstScore") back onto the form. */
function problemFrom(error: unknown): Problem {
  const message = messageOf(error);
  const field = error instanceof StanceError ? error.field : undefined;
  const match = field ? /^sites\.(\d+)\.(painOnsetMetres|side|worstScore|notes)$/.exec(field) : null;
  if (match) return { message, site: Number(match[1]), field: match[2] as SiteField };
  if (field === 'status' || field === 'sites') return { message, field: 'status' };
  return { message };
}

/**
 * Records a run's knee pain: "No pain" (pain-free for the whole distance), or where and how far
 * in it started, at one or more places. Quick with cold hands: two big choices, the outside of
 * the knee and the last side that hurt already picked, the onset typed in the runner's unit.
 */
export function RunPainEditor({ run, onSaved, onCancel, initialOnsetMetres }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const [loaded, setLoaded] = useState<RunPain>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<PainStatus>(run.painStatus);
  const [sites, setSites] = useState<SiteDraft[]>([]);
  const [cutShort, setCutShort] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const firstChoice = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    request('pain:getForRun', { runId: run.id }).then(
      (pain) => {
        if (!current) return;
        setLoaded(pain);
        setCutShort(pain.cutShort);
        const drafts = pain.sites.length > 0 ? pain.sites.map((site) => siteFromRecord(site, units)) : [newSite(pain.lastUsedSide ?? '')];
        if (initialOnsetMetres !== undefined) {
          drafts[0] = { ...drafts[0]!, onset: String(Number(fromMetres(initialOnsetMetres, units).toFixed(2))) };
          setStatus('pain');
        } else {
          setStatus(pain.status);
        }
        setSites(drafts);
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [run.id, units, initialOnsetMetres]);

  useEffect(() => {
    if (loaded) firstChoice.current?.focus();
  }, [loaded]);

  function choose(next: PainStatus) {
    setStatus(next);
    setProblem(undefined);
  }

  function changeSite(key: number, change: Partial<SiteDraft>) {
    setSites((list) => list.map((site) => (site.key === key ? { ...site, ...change } : site)));
  }

  /** The sites as main wants them, or the first thing to fix. */
  function readSites(): PainSiteDraft[] | Problem {
    const drafts: PainSiteDraft[] = [];
    for (const [index, site] of sites.entries()) {
      const onset = site.presentAtStart ? 0 : parseDecimal(site.onset);
      if (onset === null) {
        const message = `Give how far into the run it started, as a number of ${unitLabel(units)} (this run was ${formatDistance(run.distanceMetres, units)}).`;
        return { site: index, field: 'painOnsetMetres', message };
      }
      if (site.side === '') return { site: index, field: 'side', message: 'Say which side hurt: left, right or both.' };
      if (site.worstScore.trim() === '') {
        return { site: index, field: 'worstScore', message: 'Give the worst it got, from 0 (no pain) to 10 (the worst pain imaginable).' };
      }
      drafts.push({
        painOnsetMetres: toMetres(onset, units),
        location: site.location,
        side: site.side,
        worstScore: Number(site.worstScore),
        action: site.action,
        notes: site.notes,
        presentAtStart: site.presentAtStart,
      });
    }
    return drafts;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (status === 'unrecorded' && loaded?.status === 'unrecorded') {
      setProblem({ field: 'status', message: 'Choose "No pain" or "Knee pain started at…" first.' });
      firstChoice.current?.focus();
      return;
    }
    let sitesToSave: PainSiteDraft[] = [];
    if (status === 'pain') {
      const read = readSites();
      if (!Array.isArray(read)) {
        setProblem(read);
        return;
      }
      sitesToSave = read;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      await request('pain:setForRun', { runId: run.id, status, sites: sitesToSave, cutShort: status !== 'unrecorded' && cutShort });
      onSaved();
    } catch (error) {
      setProblem(problemFrom(error));
    } finally {
      setSaving(false);
    }
  }

  const errorId = (index: number, field: SiteField) => `${id}-site-${index}-${field}-error`;
  const isProblem = (index: number, field: SiteField) => problem?.site === index && problem.field === field;
  const fieldError = (index: number, field: SiteField) =>
    isProblem(index, field) ? (
      <p className="field-error" id={errorId(index, field)} role="alert">
        {problem?.message}
      </p>
    ) : null;
  const invalid = (index: number, field: SiteField) => ({
    'aria-invalid': isProblem(index, field),
    'aria-describedby': isProblem(index, field) ? errorId(index, field) : undefined,
  });

  const distance = formatDistance(run.distanceMetres, units);
  const choices: { status: PainStatus; title: string; detail: string }[] = [
    { status: 'none', title: 'No pain', detail: `Pain-free for all ${distance}` },
    { status: 'pain', title: 'Knee pain started at…', detail: 'Say how far in, where and how bad' },
    ...(loaded && loaded.status !== 'unrecorded'
      ? [{ status: 'unrecorded' as const, title: 'Not recorded', detail: 'Clear this run’s pain note' }]
      : []),
  ];

  return (
    <form className="card form pain-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Knee pain on the run of {formatLocalDate(run.localDate)}</h2>
      <p className="muted pain-editor-run">
        {distance} · started {run.localTime}
      </p>
      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : !loaded ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : (
        <>
          <fieldset className="big-choices" aria-describedby={problem?.field === 'status' ? `${id}-status-error` : undefined}>
            <legend className="visually-hidden">Did your knee hurt on this run?</legend>
            {choices.map((choice, index) => (
              <label key={choice.status} className={`big-choice big-choice-${choice.status}`}>
                <input
                  ref={index === 0 ? firstChoice : undefined}
                  type="radio"
                  name={`${id}-status`}
                  value={choice.status}
                  checked={status === choice.status}
                  onChange={() => choose(choice.status)}
                />
                <span className="big-choice-title">{choice.title}</span>
                <span className="big-choice-detail">{choice.detail}</span>
              </label>
            ))}
          </fieldset>
          {problem?.field === 'status' ? (
            <p className="field-error" id={`${id}-status-error`} role="alert">
              {problem.message}
            </p>
          ) : null}

          {status === 'pain'
            ? sites.map((site, index) => (
                <fieldset key={site.key} className="pain-site">
                  <legend>{sites.length > 1 ? `Where it hurt · ${index + 1} of ${sites.length}` : 'Where it hurt'}</legend>
                  <div className="pain-site-grid">
                    <div className="field">
                      <label htmlFor={`${id}-site-${site.key}-onset`}>Started at ({unitLabel(units)})</label>
                      <div className="with-suffix">
                        <input
                          id={`${id}-site-${site.key}-onset`}
                          inputMode="decimal"
                          autoComplete="off"
                          placeholder={units === 'mi' ? 'e.g. 4.5' : 'e.g. 7'}
                          value={site.presentAtStart ? '' : site.onset}
                          disabled={site.presentAtStart}
                          onChange={(e) => changeSite(site.key, { onset: e.target.value })}
                          {...invalid(index, 'painOnsetMetres')}
                          aria-describedby={
                            isProblem(index, 'painOnsetMetres') ? errorId(index, 'painOnsetMetres') : `${id}-site-${site.key}-onset-hint`
                          }
                        />
                        <span aria-hidden="true">{units}</span>
                      </div>
                      <p className="hint" id={`${id}-site-${site.key}-onset-hint`}>
                        This run was {distance}.
                      </p>
                      {fieldError(index, 'painOnsetMetres')}
                    </div>
                    <div className="field">
                      <label htmlFor={`${id}-site-${site.key}-score`}>Worst pain (0–10)</label>
                      <input
                        id={`${id}-site-${site.key}-score`}
                        className="score-input"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={10}
                        step={1}
                        value={site.worstScore}
                        onChange={(e) => changeSite(site.key, { worstScore: e.target.value })}
                        {...invalid(index, 'worstScore')}
                        aria-describedby={isProblem(index, 'worstScore') ? errorId(index, 'worstScore') : `${id}-site-${site.key}-score-hint`}
                      />
                      <p className="hint" id={`${id}-site-${site.key}-score-hint`}>
                        0 no pain · 10 worst imaginable
                      </p>
                      {fieldError(index, 'worstScore')}
                    </div>
                  </div>
                  <Segmented
                    legend="Where"
                    name={`${id}-site-${site.key}-location`}
                    options={painLocations}
                    labels={painLocationLabels}
                    value={site.location}
                    onChange={(location) => changeSite(site.key, { location })}
                  />
                  <Segmented
                    legend="Side"
                    name={`${id}-site-${site.key}-side`}
                    options={painSides}
                    labels={painSideLabels}
                    value={site.side}
                    onChange={(side) => changeSite(site.key, { side })}
                    invalid={isProblem(index, 'side')}
                    describedBy={isProblem(index, 'side') ? errorId(index, 'side') : undefined}
                  />
                  {fieldError(index, 'side')}
                  <Segmented
                    legend="What you did"
                    name={`${id}-site-${site.key}-action`}
                    options={painActions}
                    labels={painActionLabels}
                    value={site.action}
                    onChange={(action) => changeSite(site.key, { action })}
                  />
                  <div className="field">
                    <label htmlFor={`${id}-site-${site.key}-notes`}>Notes (optional)</label>
                    <input
                      id={`${id}-site-${site.key}-notes`}
                      maxLength={2000}
                      autoComplete="off"
                      placeholder="e.g. came on at the bottom of the long downhill"
                      value={site.notes}
                      onChange={(e) => changeSite(site.key, { notes: e.target.value })}
                      {...invalid(index, 'notes')}
                    />
                    {fieldError(index, 'notes')}
                  </div>
                  <label className="check" style={checkLabel}>
                    <input type="checkbox" checked={site.presentAtStart} onChange={(e) => changeSite(site.key, { presentAtStart: e.target.checked })} /> It
                    already hurt when I started this run (then it did not start at a distance)
                  </label>
                  {sites.length > 1 ? (
                    <button type="button" className="small" onClick={() => setSites((list) => list.filter((other) => other.key !== site.key))}>
                      Remove this place
                    </button>
                  ) : null}
                </fieldset>
              ))
            : null}
          {status !== 'unrecorded' ? (
            <label className="check cut-short" style={checkLabel}>
              <input type="checkbox" checked={cutShort} onChange={(e) => setCutShort(e.target.checked)} /> I cut this run short because of my
              knee
            </label>
          ) : null}
          {status === 'pain' && sites.length < MAX_SITES_PER_RUN ? (
            <button
              type="button"
              className="add-site"
              onClick={() => setSites((list) => [...list, newSite(list[list.length - 1]?.side ?? loaded.lastUsedSide ?? '')])}
            >
              + Another place that hurt
            </button>
          ) : null}
        </>
      )}
      {problem && problem.field === undefined ? (
        <p className="form-error" role="alert">
          {problem.message}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving || !loaded}>
          {saving ? 'Saving…' : 'Save pain note'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
