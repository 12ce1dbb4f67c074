import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { RunSpikeCheck } from '../../../../src-main/shared/next-run';
import { fromMetres } from '../../../../src-main/shared/units';
import { useChannel } from '../../api/hooks';

const SOURCE = 'Frandsen et al., Br J Sports Med 2025: such spikes raised overuse injury rates 1.5–2.3×';

/** The run page's line: was this run a spike (longer than 110% of the longest of the 30 days before it)? */
export function spikeSentence(check: RunSpikeCheck, units: DistanceUnit): string {
  const oneDecimal = (metres: number) => `${fromMetres(metres, units).toFixed(1)} ${units}`;
  if (check.longestPrevious30DaysMetres === null || check.spikeAboveMetres === null) {
    return 'Spike or not cannot be told for this run: it came in the first 30 days of running, or after a break of more than 4 weeks.';
  }
  const longest = oneDecimal(check.longestPrevious30DaysMetres);
  const limit = `${(Math.floor(fromMetres(check.spikeAboveMetres, units) * 10 + 1e-9) / 10).toFixed(1)} ${units}`;
  return check.spike
    ? `A spike: longer than 110% of your longest run of the 30 days before it (${longest}; up to ${limit} would not have been one). ${SOURCE}.`
    : `Not a spike: your longest run of the 30 days before it was ${longest}, and this run stayed under 110% of it (${limit}). ${SOURCE}.`;
}

export function RunSpikeLine({ runId, units }: { runId: number; units: DistanceUnit }) {
  const { data } = useChannel('runs:spike', { id: runId });
  if (!data) return null;
  return (
    <p className={data.spike ? 'run-spike run-spike-yes' : 'run-spike muted'} data-testid="run-spike">
      {spikeSentence(data, units)}
    </p>
  );
}
