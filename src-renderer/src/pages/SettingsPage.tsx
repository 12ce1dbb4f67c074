import { useId, useState } from 'react';
import type { MainComplaint, WeekStartDay } from '../../../src-main/shared/domain';
import { painLocationLabels, painLocations } from '../../../src-main/shared/pain';
import type { SettingsPatch } from '../../../src-main/shared/contract';
import { useChannel } from '../api/hooks';
import { useLoadedSettings, useSettings } from '../settings-context';
import { GlutePlanSettings } from '../components/settings/GlutePlanSettings';
import { ShoeSettings } from '../components/settings/ShoeSettings';
import { BackupSettings } from '../components/settings/BackupSettings';

const weekDayNames: Record<WeekStartDay, string> = { 0: 'Sunday', 1: 'Monday', 6: 'Saturday' };

export function SettingsPage() {
  const { units, weekStartsOn, theme, loadUnit, mainComplaint, update } = useLoadedSettings();
  const { problem } = useSettings();
  const { data: info, error: infoError } = useChannel('app:info', undefined, { live: false });
  const [saved, setSaved] = useState<string>();
  const id = useId();
  const status = problem ? { error: true, message: problem } : infoError ? { error: true, message: infoError } : saved ? { error: false, message: saved } : undefined;

  async function save(patch: SettingsPatch) {
    setSaved(undefined);
    if (await update(patch)) setSaved('Saved.');
  }

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
        </div>
      </header>

      <section className="card" aria-labelledby={`${id}-units`}>
        <h2 id={`${id}-units`}>Units, look and calendar</h2>
        <fieldset className="choice-row">
          <legend>Show distances in</legend>
          {(['mi', 'km'] as const).map((unit) => (
            <label key={unit} className="choice">
              <input type="radio" name="units" value={unit} checked={units === unit} onChange={() => void save({ units: unit })} />
              {unit === 'mi' ? 'Miles (elevation in feet)' : 'Kilometres (elevation in metres)'}
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-row">
          <legend>Show strength loads in</legend>
          {(['kg', 'lb'] as const).map((unit) => (
            <label key={unit} className="choice">
              <input type="radio" name="load-unit" value={unit} checked={loadUnit === unit} onChange={() => void save({ loadUnit: unit })} />
              {unit === 'kg' ? 'Kilograms (kg)' : 'Pounds (lb)'}
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-row">
          <legend>Look</legend>
          {(
            [
              ['system', 'Same as the system'],
              ['light', 'Light'],
              ['dark', 'Dark'],
            ] as const
          ).map(([choice, label]) => (
            <label key={choice} className="choice">
              <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => void save({ theme: choice })} />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="field narrow">
          <label htmlFor={`${id}-week`}>First day of the week</label>
          <select
            id={`${id}-week`}
            value={weekStartsOn}
            onChange={(e) => void save({ weekStartsOn: Number(e.target.value) as WeekStartDay })}
          >
            {([1, 0, 6] as const).map((day) => (
              <option key={day} value={day}>
                {weekDayNames[day]}
              </option>
            ))}
          </select>
        </div>
        {status ? (
          <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
            {status.message}
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby={`${id}-complaint`}>
        <h2 id={`${id}-complaint`}>Your main complaint</h2>
        <p className="muted">
          The Insights' yes/no answer is about this pain only, decided over all your runs from the first one with a pain note. Looking at
          another site, side or dates on the Insights page changes the pictures, not the answer. Change it only if your main complaint
          really changes: the answer is then worked out again for the new one.
        </p>
        <div className="choice-row">
          <div className="field narrow">
            <label htmlFor={`${id}-complaint-site`}>Where it hurts</label>
            <select
              id={`${id}-complaint-site`}
              value={mainComplaint.location}
              onChange={(e) => void save({ mainComplaint: { ...mainComplaint, location: e.target.value as MainComplaint['location'] } })}
            >
              {painLocations.map((location) => (
                <option key={location} value={location}>
                  {painLocationLabels[location]}
                </option>
              ))}
            </select>
          </div>
          <div className="field narrow">
            <label htmlFor={`${id}-complaint-side`}>Side</label>
            <select
              id={`${id}-complaint-side`}
              value={mainComplaint.side}
              onChange={(e) => void save({ mainComplaint: { ...mainComplaint, side: e.target.value as MainComplaint['side'] } })}
            >
              <option value="either">Either side</option>
              <option value="left">Left</option>
              <option value="right">Right</option>
            </select>
          </div>
        </div>
      </section>

      <div className="two-columns">
        <GlutePlanSettings />
        <ShoeSettings />
      </div>
      <BackupSettings />

      <section className="card" aria-labelledby={`${id}-data`}>
        <h2 id={`${id}-data`}>Your data</h2>
        <p>Everything you log stays in one database file on this computer. Stance never sends anything anywhere.</p>
        {info ? (
          <dl className="facts">
            <dt>Database file</dt>
            <dd>
              <code>{info.databasePath}</code>
            </dd>
            <dt>Stance version</dt>
            <dd>
              {info.version} (database schema {info.schemaVersion})
            </dd>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
