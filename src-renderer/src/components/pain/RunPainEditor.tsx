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
import { useChannel, useSave } from '../../api/hooks';
import { formatLocalTime } from '../../local-clock';
import { runName } from '../../wording';
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
const siteFields: readonly SiteField[] = ['painOnsetMetres', 'worstScore', 'side', 'notes'];
/** The form's fields as main names them: "status", "sites", "sites.0.worstScore"… */
type FormField = 'status' | 'sites' | `sites.${number}.${SiteField}`;
const siteField = (index: number, field: SiteField): FormField => `sites.${index}.${field}`;

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


/**
 * Records a run's knee pain: "No pain" (pain-free for the whole distance), or where and how far
 * in it started, at one or more places. Quick with cold hands: two big choices, the outside of
 * the knee and the last side that hurt already picked, the onset typed in the runner's unit.
 */
export function RunPainEditor(props: Props) {
  const { data, error } = useChannel('pain:getForRun', { runId: props.run.id }, { live: false });
  if (!data) {
    return (
      <div className="card form pain-editor">
        <h2>Knee pain on {runName(props.run)}</h2>
        {error ? (
          <p className="error-banner" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted" role="status">
            Loading…
          </p>
        )}
      </div>
    );
  }
  return <RunPainForm {...props} loaded={data} />;
}

/** The starting sites: the recorded ones, or one new site on the side that hurt last; a clicked onset goes in the first. */
function initialSites(pain: RunPain, units: 'mi' | 'km', initialOnsetMetres: number | undefined): SiteDraft[] {
  const drafts = pain.sites.length > 0 ? pain.sites.map((site) => siteFromRecord(site, units)) : [newSite(pain.lastUsedSide ?? '')];
  if (initialOnsetMetres !== undefined) drafts[0] = { ...drafts[0]!, onset: String(Number(fromMetres(initialOnsetMetres, units).toFixed(2))) };
  return drafts;
}

function RunPainForm({ run, onSaved, onCancel, initialOnsetMetres, loaded }: Props & { loaded: RunPain }) {
  const { units } = useLoadedSettings();
  const id = useId();
  const loadError = undefined;
  /** '' until the runner chooses, for a run never asked about. */
  const [status, setStatus] = useState<PainStatus | ''>(
    initialOnsetMetres !== undefined ? 'pain' : loaded.status === 'unrecorded' ? '' : loaded.status,
  );
  const [cutShort, setCutShort] = useState(loaded.cutShort);
  const [sites, setSites] = useState<SiteDraft[]>(() => initialSites(loaded, units, initialOnsetMetres));
  /** The three choices' radios: focus goes to the recorded answer (a painful run opens on "Knee pain started at…"). */
  const choiceInputs = useRef<Partial<Record<PainStatus, HTMLInputElement | null>>>({});
  const focusChoice = (which: PainStatus | '') => choiceInputs.current[which === '' ? 'none' : which]?.focus();
  const allFields: FormField[] = ['status', 'sites', ...sites.flatMap((_, index) => siteFields.map((field) => siteField(index, field)))];
  const { save, saving, problem, refuse, clear, formError, invalid: fieldMarks } = useSave('pain:setForRun', { fields: allFields });

  const openedWith = useRef(status);
  useEffect(() => {
    focusChoice(openedWith.current);
  }, []);

  function choose(next: PainStatus) {
    setStatus(next);
    clear();
  }

  function changeSite(key: number, change: Partial<SiteDraft>) {
    setSites((list) => list.map((site) => (site.key === key ? { ...site, ...change } : site)));
  }

  /** The sites as main wants them, or every message about them (all at once). */
  function readSites(): PainSiteDraft[] | Partial<Record<FormField, string>> {
    const drafts: PainSiteDraft[] = [];
    const messages: Partial<Record<FormField, string>> = {};
    for (const [index, site] of sites.entries()) {
      const onset = site.presentAtStart ? 0 : parseDecimal(site.onset);
      if (onset === null) {
        messages[siteField(index, 'painOnsetMetres')] =
          `Give how far into the run it started, as a number of ${unitLabel(units)} (this run was ${formatDistance(run.distanceMetres, units)}).`;
      }
      if (site.side === '') messages[siteField(index, 'side')] = 'Say which side hurt: left, right or both.';
      if (site.worstScore.trim() === '') {
        messages[siteField(index, 'worstScore')] = 'Give the worst it got, from 0 (no pain) to 10 (the worst pain imaginable).';
      }
      if (onset === null || site.side === '' || site.worstScore.trim() === '') continue;
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
    return Object.keys(messages).length > 0 ? messages : drafts;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (status === '') {
      refuse({ fields: { status: 'Choose "No pain", "Knee pain started at…" or "Not recorded" first.' } });
      focusChoice('');
      return;
    }
    let sitesToSave: PainSiteDraft[] = [];
    if (status === 'pain') {
      const read = readSites();
      if (!Array.isArray(read)) {
        refuse({ fields: read });
        return;
      }
      sitesToSave = read;
    }
    if (await save({ runId: run.id, status, sites: sitesToSave, cutShort: status !== 'unrecorded' && cutShort })) onSaved();
  }

  const messageFor = (index: number, field: SiteField) => problem?.fields[siteField(index, field)];
  const errorId = (index: number, field: SiteField) => `${id}-site-${index}-${field}-error`;
  const isProblem = (index: number, field: SiteField) => messageFor(index, field) !== undefined;
  const fieldError = (index: number, field: SiteField) =>
    isProblem(index, field) ? (
      <p className="field-error" id={errorId(index, field)} role="alert">
        {messageFor(index, field)}
      </p>
    ) : null;
  const invalid = (index: number, field: SiteField) => ({
    'aria-invalid': isProblem(index, field),
    'aria-describedby': isProblem(index, field) ? errorId(index, field) : undefined,
    // useSave moves the focus to the first field with a message by this mark.
    'data-field': fieldMarks(siteField(index, field))['data-field'],
  });
  const statusMessage = problem?.fields.status ?? problem?.fields.sites;

  const distance = formatDistance(run.distanceMetres, units);
  const choices: { status: PainStatus; title: string; detail: string }[] = [
    { status: 'none', title: 'No pain', detail: `Pain-free for all ${distance}` },
    { status: 'pain', title: 'Knee pain started at…', detail: 'Say how far in, where and how bad' },
    {
      status: 'unrecorded',
      title: 'Not recorded',
      detail: loaded && loaded.status !== 'unrecorded' ? 'Clear this run’s pain note' : 'I can’t say: stop asking about this run',
    },
  ];

  return (
    <form className="card form pain-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Knee pain on {runName(run)}</h2>
      <p className="muted pain-editor-run">
        {distance} · started {formatLocalTime(run.localTime)}
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
          <fieldset className="big-choices" aria-describedby={statusMessage ? `${id}-status-error` : undefined}>
            <legend className="visually-hidden">Did your knee hurt on this run?</legend>
            {choices.map((choice) => (
              <label key={choice.status} className={`big-choice big-choice-${choice.status}`}>
                <input
                  ref={(input) => {
                    choiceInputs.current[choice.status] = input;
                  }}
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
          {statusMessage ? (
            <p className="field-error" id={`${id}-status-error`} role="alert">
              {statusMessage}
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
      {formError}
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
