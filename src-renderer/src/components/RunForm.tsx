import { InputEcho } from './InputEcho';
import { useId, useState, type FormEvent } from 'react';
import { surfaces, type Run, type Shoe, type Surface } from '../../../src-main/shared/domain';
import { fromMetres, formatDuration, parseDecimal, parseDuration, toMetres, unitLabel } from '../../../src-main/shared/units';
import { useChannel, useSave } from '../api/hooks';
import { SaveFooter } from './DuplicatePrompt';
import { allTimeZones, nowLocalTime, systemTimeZone, todayLocalDate } from '../local-clock';
import { useLoadedSettings } from '../settings-context';

const fields = ['distanceMetres', 'durationSeconds', 'localDate', 'localTime', 'timeZone', 'effort', 'surface', 'shoeId', 'notes'] as const;


const surfaceLabels: Record<Surface, string> = { road: 'Road', trail: 'Trail', track: 'Track', treadmill: 'Treadmill' };

interface Props {
  /** The run to edit; a new run when absent. */
  run?: Run;
  onSaved: (run: Run) => void;
  onCancel: () => void;
}

/** Log or edit a run by hand: when, how far, how long, and how it went. Main makes every check that matters. */
export function RunForm({ run, onSaved, onCancel }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const [localDate, setLocalDate] = useState(run?.localDate ?? todayLocalDate());
  const [localTime, setLocalTime] = useState(run?.localTime ?? nowLocalTime());
  const [timeZone, setTimeZone] = useState(run?.timeZone ?? systemTimeZone());
  const [distance, setDistance] = useState(run ? String(Number(fromMetres(run.distanceMetres, units).toFixed(2))) : '');
  const [duration, setDuration] = useState(run ? formatDuration(run.durationSeconds) : '');
  const [effort, setEffort] = useState(run?.effort ? String(run.effort) : '');
  const [surface, setSurface] = useState<Surface | ''>(run?.surface ?? '');
  const [shoeId, setShoeId] = useState(run?.shoeId ? String(run.shoeId) : '');
  const [notes, setNotes] = useState(run?.notes ?? '');
  const shoes: Shoe[] = useChannel('shoes:list', undefined, { live: false }).data ?? [];
  const [newShoe, setNewShoe] = useState<string>();
  const [duplicate, setDuplicate] = useState<string>();
  const addRun = useSave('runs:add', { fields, onRefused: (refusal) => setDuplicate(refusal.kind === 'duplicate' ? refusal.message : undefined) });
  const updateRun = useSave('runs:update', { fields });
  const { saving, fieldError, invalid, formError, refuse } = run ? updateRun : addRun;
  const addShoeSave = useSave('shoes:add', { fields: ['name'] });
  const [addedShoes, setAddedShoes] = useState<Shoe[]>([]);

  async function addShoe() {
    if (!newShoe?.trim()) return;
    const shoe = await addShoeSave.save({ name: newShoe });
    if (!shoe) return;
    setAddedShoes((list) => [...list, shoe]);
    setShoeId(String(shoe.id));
    setNewShoe(undefined);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(false);
  }

  /** Saves the form; `saveAnyway` after the runner answered *Save anyway* to "You already logged…". */
  async function save(saveAnyway: boolean) {
    setDuplicate(undefined);
    const distanceInUnits = parseDecimal(distance);
    const durationSeconds = parseDuration(duration);
    // Every problem the form can see is shown at once.
    if (distanceInUnits === null || durationSeconds === null) {
      refuse({
        fields: {
          ...(distanceInUnits === null ? { distanceMetres: `Give the distance as a number of ${unitLabel(units)}, e.g. ${units === 'mi' ? '6.2' : '10'}.` } : {}),
          ...(durationSeconds === null ? { durationSeconds: 'Give the duration as h:mm:ss (1:02:30) or mm:ss (48:15).' } : {}),
        },
      });
      return;
    }
    const draft = {
      localDate,
      localTime,
      timeZone,
      distanceMetres: toMetres(distanceInUnits, units),
      durationSeconds,
      effort: effort === '' ? null : Number(effort),
      surface: surface === '' ? null : surface,
      shoeId: shoeId === '' ? null : Number(shoeId),
      notes,
    };
    const saved = run ? await updateRun.save({ id: run.id, ...draft }) : await addRun.save(saveAnyway ? { ...draft, saveAnyway: true } : draft);
    if (saved) onSaved(saved);
  }

  const allShoes = [...shoes, ...addedShoes.filter((added) => !shoes.some((shoe) => shoe.id === added.id))];
  const activeShoes = allShoes.filter((shoe) => !shoe.retired || String(shoe.id) === shoeId);

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{run ? 'Edit run' : 'Log a run'}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-distance`}>Distance ({unitLabel(units)})</label>
          <div className="with-suffix">
            <input
              id={`${id}-distance`}
              inputMode="decimal"
              autoComplete="off"
              placeholder={units === 'mi' ? '6.2' : '10'}
              value={distance}
              onChange={(e) => setDistance(e.target.value)}
              autoFocus
              {...invalid('distanceMetres')}
            />
            <span aria-hidden="true">{units}</span>
          </div>
          {fieldError('distanceMetres')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>Duration (h:mm:ss)</label>
          <input
            id={`${id}-duration`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="0:52:30"
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            {...invalid('durationSeconds')}
          />
          {fieldError('durationSeconds')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} type="date" required value={localDate} max={todayLocalDate()} onChange={(e) => setLocalDate(e.target.value)} {...invalid('localDate')} />
          <InputEcho kind="date" value={localDate} />
          {fieldError('localDate')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>Start time</label>
          <input id={`${id}-time`} type="time" required value={localTime} onChange={(e) => setLocalTime(e.target.value)} {...invalid('localTime')} />
          <InputEcho kind="time" value={localTime} />
          {fieldError('localTime')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <select id={`${id}-zone`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} {...invalid('timeZone')}>
            {allTimeZones().map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {fieldError('timeZone')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-effort`}>Effort (1–10, optional)</label>
          <select id={`${id}-effort`} value={effort} onChange={(e) => setEffort(e.target.value)} {...invalid('effort')}>
            <option value="">Not given</option>
            {Array.from({ length: 10 }, (_, index) => index + 1).map((level) => (
              <option key={level} value={level}>
                {level}
                {level === 1 ? ' – very easy' : level === 10 ? ' – all out' : ''}
              </option>
            ))}
          </select>
          {fieldError('effort')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-surface`}>Surface (optional)</label>
          <select id={`${id}-surface`} value={surface} onChange={(e) => setSurface(e.target.value as Surface | '')} {...invalid('surface')}>
            <option value="">Not given</option>
            {surfaces.map((option) => (
              <option key={option} value={option}>
                {surfaceLabels[option]}
              </option>
            ))}
          </select>
          {fieldError('surface')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-shoes`}>Shoes (optional)</label>
          {newShoe === undefined ? (
            <div className="with-suffix">
              <select id={`${id}-shoes`} value={shoeId} onChange={(e) => setShoeId(e.target.value)} {...invalid('shoeId')}>
                <option value="">Not given</option>
                {activeShoes.map((shoe) => (
                  <option key={shoe.id} value={shoe.id}>
                    {shoe.name}
                  </option>
                ))}
              </select>
              <button type="button" className="small" onClick={() => setNewShoe('')}>
                New…
              </button>
            </div>
          ) : (
            <div className="with-suffix">
              <input
                id={`${id}-shoes`}
                placeholder="Name, e.g. Ghost 16"
                value={newShoe}
                onChange={(e) => setNewShoe(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void addShoe();
                  }
                }}
                {...invalid('shoeId')}
              />
              <button type="button" className="small" onClick={() => void addShoe()} disabled={addShoeSave.saving}>
                Add
              </button>
            </div>
          )}
          {fieldError('shoeId')}
          {addShoeSave.problem ? (
            <p className="field-error" role="alert">
              {addShoeSave.problem.fields.name ?? addShoeSave.problem.form}
            </p>
          ) : null}
        </div>
        <div className="field wide">
          <label htmlFor={`${id}-notes`}>Notes (optional)</label>
          <textarea id={`${id}-notes`} value={notes} maxLength={5000} onChange={(e) => setNotes(e.target.value)} {...invalid('notes')} />
          {fieldError('notes')}
        </div>
      </div>
      <SaveFooter duplicate={duplicate} formError={formError} saving={saving} saveLabel={run ? 'Save changes' : 'Save run'} onSaveAnyway={() => void save(true)} onCancel={onCancel} />
    </form>
  );
}
