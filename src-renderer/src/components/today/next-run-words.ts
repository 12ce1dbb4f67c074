/**
 * The words of Today's "your next run" (shared/next-run.ts): a headline, the spike limit, what the
 * pain-monitoring model says and the sources. Guidance, never a diagnosis. Pure (dates are passed
 * in formatted), so it is tested under plain Node.
 */
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { NextRunGuidance } from '../../../../src-main/shared/next-run';
import { PAIN_MONITORING_SOURCE } from '../../../../src-main/shared/pain-monitoring';
import { SPIKE_SOURCE } from '../../../../src-main/shared/next-run';
import { fromMetres } from '../../../../src-main/shared/units';

export interface NextRunWords {
  headline: string;
  /** The longest recent run and, when building, the distance that stays under a spike. */
  distance: string;
  /** What the pain-monitoring model says about the latest recorded run. */
  pain: string;
  sources: string;
}

const headlines = { build: 'Keep building', hold: 'Hold', step_back: 'Step back', unknown: 'Your next run' } as const;

/** A distance to one decimal, rounded down: "up to 6.6 mi" never allows more than the limit. */
function upTo(metres: number, units: DistanceUnit): string {
  return `${(Math.floor(fromMetres(metres, units) * 10 + 1e-9) / 10).toFixed(1)} ${units}`;
}

function distanceText(metres: number, units: DistanceUnit): string {
  return `${fromMetres(metres, units).toFixed(1)} ${units}`;
}

/**
 * The card's sentences. `formatDate` writes a local date (YYYY-MM-DD) in the app's format, e.g.
 * "Thu, 19 Nov"; `today` is the runner's today (to say "today" of a run today).
 */
export function nextRunWords(guidance: NextRunGuidance, units: DistanceUnit, today: string, formatDate: (localDate: string) => string): NextRunWords {
  const { longestRecentMetres, spikeAboveMetres, judgedRun, advice, reason } = guidance;
  let distance: string;
  if (longestRecentMetres === null || spikeAboveMetres === null) {
    distance = 'Stance can tell a spike once you have run for 30 days without a break of more than 4 weeks; until then, build up gently.';
  } else {
    const longest = `Your longest run in the last 30 days: ${distanceText(longestRecentMetres, units)}.`;
    distance =
      advice === 'hold'
        ? `${longest} Holding means no run longer than that.`
        : advice === 'step_back'
          ? longest
          : `${longest} Up to ${upTo(spikeAboveMetres, units)} stays under a spike.`;
  }

  const when = judgedRun === null ? '' : judgedRun.localDate === today ? 'today' : `on ${formatDate(judgedRun.localDate)}`;
  const scores = judgedRun?.scores;
  const worst = scores ? Math.max(scores.during ?? 0, scores.after ?? 0, scores.nextMorning ?? 0) : 0;
  let pain: string;
  switch (reason) {
    case 'no_records':
      pain = 'Record whether your knee hurt on your runs, and Stance will say whether to build, hold or step back.';
      break;
    case 'pain_free':
      pain = `Your last run, ${when}, was pain-free: you can keep building.`;
      break;
    case 'settled':
      pain = `Your last run, ${when}, hurt ${worst}/10 and settled by the next morning (${scores?.nextMorning}/10): you can keep building.`;
      break;
    case 'morning_due':
      pain = `Your last run, ${when}, hurt ${worst}/10, and the next morning’s score is not in yet. Until you know it settled, hold.`;
      break;
    case 'morning_to_come':
      pain = `Your run ${when} hurt ${worst}/10. See how your knee is tomorrow morning before you build.`;
      break;
    case 'rising':
      pain = `Your worst pain this week (${guidance.rising?.thisWeekWorst}/10) is above last week’s (${guidance.rising?.lastWeekWorst}/10): hold until it stops rising.`;
      break;
    case 'too_much':
      pain = `Your run ${when} hurt ${worst}/10, above the 5 the model accepts: step back — run shorter or easier than that run (${distanceText(judgedRun!.distanceMetres, units)}), or rest, until the pain stays at 5 or less.`;
      break;
    case 'not_settled':
      pain = `Your run ${when} still hurt ${scores?.nextMorning}/10 the next morning: step back — run shorter or easier than that run (${distanceText(judgedRun!.distanceMetres, units)}), or rest, until the pain settles by the next morning.`;
      break;
  }
  return {
    headline: headlines[advice],
    distance,
    pain,
    sources: `Guidance from the ${PAIN_MONITORING_SOURCE} and the ${SPIKE_SOURCE}, not a diagnosis. If the pain keeps coming back, see a physiotherapist.`,
  };
}
