import { useChannel } from '../../api/hooks';
import { formatLocalDate } from '../../local-clock';
import { useLoadedSettings } from '../../settings-context';
import { nextRunWords } from './next-run-words';

/**
 * Today's answer to "how far can I run today?": the long-run spike limit and build / hold / step
 * back from the pain-monitoring model, with its sources (next-run-words.ts).
 */
export function NextRunCard({ today }: { today: string }) {
  const { units } = useLoadedSettings();
  const { data: guidance } = useChannel('today:nextRun');
  if (!guidance) return null;
  const words = nextRunWords(guidance, units, today, (date) => formatLocalDate(date, false));
  return (
    <section className={`card next-run next-run-${guidance.advice}`} aria-labelledby="next-run" data-testid="next-run">
      <h2 id="next-run">
        Your next run{guidance.advice === 'unknown' ? '' : <span className="next-run-advice">: {words.headline}</span>}
      </h2>
      <p data-testid="next-run-distance">{words.distance}</p>
      <p data-testid="next-run-pain">{words.pain}</p>
      <p className="muted small">{words.sources}</p>
    </section>
  );
}
