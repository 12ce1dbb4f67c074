import { useEffect, useId, useRef, useState } from 'react';
import type { Run } from '../../../../src-main/shared/domain';
import { formatDistance } from '../../../../src-main/shared/units';
import { useSave } from '../../api/hooks';
import { useLoadedSettings } from '../../settings-context';
import { painSavedMessage, runName } from '../../wording';
import { RunForm } from '../RunForm';
import { RunPainEditor } from '../pain/RunPainEditor';

type Step = { step: 'form' } | { step: 'ask'; run: Run } | { step: 'pain'; run: Run };

interface Props {
  /** The run saved and what was said about it, in a sentence; focus then goes to what was made. */
  onDone: (run: Run, message: string) => void;
  onCancel: () => void;
}

/**
 * Logging a run where the runner is (Runs or Today): the form, then in place "Did your knee
 * hurt on this run?" — No saves "no pain" (a pain-free run: right-censored, and counted by the
 * Insights), Yes opens the pain form for this run, "Not now" leaves it waiting on the Pain page.
 */
export function LogRun({ onDone, onCancel }: Props) {
  const { units } = useLoadedSettings();
  const id = useId();
  const [step, setStep] = useState<Step>({ step: 'form' });
  const noPain = useSave('pain:setForRun');
  const question = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step.step === 'ask') question.current?.focus();
  }, [step]);

  if (step.step === 'form') return <RunForm onSaved={(run) => setStep({ step: 'ask', run })} onCancel={onCancel} />;

  const { run } = step;
  const saved = `Saved: ${formatDistance(run.distanceMetres, units)} on ${runName(run).replace(/^the run of /, '')}.`;
  if (step.step === 'pain') {
    return (
      <RunPainEditor
        run={run}
        onSaved={() => onDone(run, `${saved} ${painSavedMessage(run)}`)}
        onCancel={() => onDone(run, `${saved} Its knee pain is waiting on the Pain page.`)}
      />
    );
  }

  return (
    <section className="card knee-question" aria-labelledby={`${id}-question`}>
      <p className="notice" role="status">
        {saved}
      </p>
      <h2 id={`${id}-question`} ref={question} tabIndex={-1}>
        Did your knee hurt on this run?
      </h2>
      <p className="muted">Runs without an answer are left out of the Insights. “No” counts too: you got the whole way pain-free.</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={noPain.saving}
          onClick={async () => {
            if (await noPain.save({ runId: run.id, status: 'none', sites: [] })) onDone(run, `${saved} No knee pain on this run.`);
          }}
        >
          No
        </button>
        <button type="button" className="primary" onClick={() => setStep({ step: 'pain', run })}>
          Yes
        </button>
        <button type="button" onClick={() => onDone(run, `${saved} Its knee pain is waiting on the Pain page.`)}>
          Not now
        </button>
      </div>
      {noPain.formError}
    </section>
  );
}
