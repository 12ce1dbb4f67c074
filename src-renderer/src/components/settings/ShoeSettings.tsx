import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Shoe } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { messageOf, request } from '../../api/client';
import { useLoadedSettings } from '../../settings-context';

/** The runner's shoes: add, rename, retire (a retired pair keeps its runs but leaves the picker). */
export function ShoeSettings() {
  const { units } = useLoadedSettings();
  const id = useId();
  const [shoes, setShoes] = useState<Shoe[]>();
  const [name, setName] = useState('');
  const [status, setStatus] = useState<{ error: boolean; message: string }>();

  useEffect(() => {
    request('shoes:list').then(setShoes, (error: unknown) => setStatus({ error: true, message: messageOf(error) }));
  }, []);

  async function reload() {
    setShoes(await request('shoes:list'));
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    try {
      const shoe = await request('shoes:add', { name });
      setName('');
      setStatus({ error: false, message: `Added ${shoe.name}.` });
      await reload();
    } catch (error) {
      setStatus({ error: true, message: messageOf(error) });
    }
  }

  async function setRetired(shoe: Shoe, retired: boolean) {
    try {
      await request('shoes:update', { id: shoe.id, retired });
      setStatus({ error: false, message: `${shoe.name} ${retired ? 'retired' : 'back in use'}.` });
      await reload();
    } catch (error) {
      setStatus({ error: true, message: messageOf(error) });
    }
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
