import type { ReactNode } from 'react';

interface Props<Value extends string> {
  /** The group's name, read out and shown as its legend. */
  legend: ReactNode;
  /** The radio inputs' shared name (unique on the page). */
  name: string;
  options: readonly Value[];
  labels: Record<Value, string>;
  value: Value | '';
  onChange: (value: Value) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
  className?: string;
}

/**
 * A row of big radio buttons: one click (or arrow keys) picks one. Real radio inputs inside
 * labels, so it reads and works like any radio group; the styling only makes the targets big.
 */
export function Segmented<Value extends string>({ legend, name, options, labels, value, onChange, invalid, describedBy, className }: Props<Value>) {
  return (
    <fieldset className={['segmented', className, invalid ? 'invalid' : undefined].filter(Boolean).join(' ')} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div className="segments">
        {options.map((option) => (
          <label key={option} className="segment">
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
            <span>{labels[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
