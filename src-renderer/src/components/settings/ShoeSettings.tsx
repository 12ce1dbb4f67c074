import { useId, useState, type FormEvent } from 'react';
import type { Shoe } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { useChannel, useSave } from '../../api/hooks';
import { useLoadedSettings } from '../../settings-context';

/** The runner's shoes: add, rename, retire (a retired pair keeps its runs but leaves the picker). */
export function ShoeSettings() {
  const { units } = useLoadedSettings();
  const id = useId();
  const { data: shoes, error: loadError } = useChannel('shoes:list');
  const addShoe = useSave('shoes:add');
  const updateShoe = useSave('shoes:update');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string>();
  const refusal = addShoe.problem?.form ?? Object.values(addShoe.problem?.fields ?? {})[0] ?? updateShoe.problem?.form ?? loadError;
  const status = refusal ? { error: true, message: String(refusal) } : saved ? { error: false, message: saved } : undefined;

  async function add(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    const shoe = await addShoe.save({ name });
    if (!shoe) return;
    setName('');
    setSaved(`Added ${shoe.name}.`);
  }

  async function setRetired(shoe: Shoe, retired: boolean) {
    setSaved(undefined);
    if (await updateShoe.save({ id: shoe.id, retired })) setSaved(`${shoe.name} ${retired ? 'retired' : 'back in use'}.`);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Shoes</h2>
      <form className="inline-form" onSubmit={add} aria-label="Add shoes" noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>New pair</label>
          <input id={`${id}-name`} placeholder="e.g. Ghost 16 (blue)" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit">Add shoes</button>
      </form>
      {status ? (
        <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
          {status.message}
        </p>
      ) : null}
      {shoes && shoes.length > 0 ? (
        <ul className="shoe-list">
          {shoes.map((shoe) => (
            <li key={shoe.id} data-testid="shoe-row" className={shoe.retired ? 'retired' : undefined}>
              <span className="shoe-name">{shoe.name}</span>
              <span className="muted">
                {shoe.runCount} {shoe.runCount === 1 ? 'run' : 'runs'} · {formatDistance(shoe.distanceMetres, units, 0)}
                {shoe.retired ? ' · retired' : ''}
              </span>
              <button type="button" className="small" onClick={() => void setRetired(shoe, !shoe.retired)}>
                {shoe.retired ? 'Back in use' : 'Retire'}
              </button>
            </li>
          ))}
        </ul>
      ) : shoes ? (
        <p className="muted">No shoes yet. Add the pairs you run in to see how far each has gone.</p>
      ) : null}
    </section>
  );
}
