import type { RunPainJudgement } from '../../../../src-main/shared/pain-monitoring';

import './clinic.css';

const words = { green: 'Green', amber: 'Amber', red: 'Red' } as const;
const symbols = { green: '●', amber: '▲', red: '■' } as const;

/**
 * A run's pain-monitoring traffic light: a coloured badge that also says its colour in words and
 * carries a shape (● ▲ ■), so it reads in black and white; the rule and its source beside it.
 */
export function PainLight({ judgement }: { judgement: RunPainJudgement }) {
  return (
    <div className={`pain-light pain-light-${judgement.light}`} data-testid="pain-light">
      <span className="pain-light-badge">
        <span aria-hidden="true">{symbols[judgement.light]}</span> {words[judgement.light]}
      </span>
      <span className="pain-light-text">{judgement.message}</span>
    </div>
  );
}
