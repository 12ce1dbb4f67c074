/**
 * The Insights' numbers in words, in the runner's units. Kept apart from the page so the
 * sentences are easy to read and to check.
 *
 * Rules (issue 9, section 8): say "after 7+ days without glute work" and "7 days with fewer glute
 * sessions than planned", never "weeks you skipped"; where the data show the pain coming LATER
 * after glute work was skipped, name reverse causation (more glute work after painful weeks) as a
 * likely reason; Kaplan–Meier numbers read "half of these runs were still pain-free at X", never
 * a median of the onsets alone; a claim only where the group-sequential rule made one.
 */
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { GroupSurvival, Insights, InsightsFilters, ModelTerm } from '../../../../src-main/shared/insights';
import { fromMetres } from '../../../../src-main/shared/units';
import { formatShortDate } from '../../local-clock';

export function distanceText(metres: number, unit: DistanceUnit, decimals = 1): string {
  return `${fromMetres(metres, unit).toFixed(decimals)} ${unit}`;
}

export function pText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

/** "1.8×" with two significant figures. */
export function timesText(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 1 ? 1 : 2)}×`;
}

/** "pain on the outside of the knee (left side)" */
export function painWords(filters: InsightsFilters): string {
  const where: Record<InsightsFilters['location'], string> = {
    lateral_knee: 'pain on the outside of the knee',
    front_knee: 'pain at the front of the knee',
    hip: 'hip pain',
    other: 'pain (other places)',
    any: 'pain',
  };
  const side = filters.side === 'any' ? '' : ` on the ${filters.side}`;
  return `${where[filters.location]}${side}`;
}

/** "Half of these runs were still pain-free at 6.2 mi (95% interval 5.1–7.0 mi)", or that more than half stayed pain-free. */
export function halfText(group: GroupSurvival, unit: DistanceUnit): string {
  if (group.runs === 0) return 'No runs in this group.';
  if (group.halfStillPainFreeAt === null) {
    return `More than half of these ${group.runs} runs stayed pain-free the whole way (the longest was ${distanceText(group.longestMetres, unit)}).`;
  }
  const lower = group.halfLower === null ? null : fromMetres(group.halfLower, unit).toFixed(1);
  const upper = group.halfUpper === null ? null : fromMetres(group.halfUpper, unit).toFixed(1);
  const interval =
    lower !== null && upper !== null
      ? ` (95% interval ${lower}–${upper} ${unit})`
      : lower !== null
        ? ` (95% interval from ${lower} ${unit} to beyond the longest runs)`
        : '';
  return `Half of these ${group.runs} runs were still pain-free at ${distanceText(group.halfStillPainFreeAt, unit)}${interval}.`;
}

/** "about 1.8× as likely …; 95% interval 1.1–3.0" for the exposure term. */
export function hazardSentence(term: ModelTerm, pain: string): string {
  const interval = `95% interval ${term.lower.toFixed(2)}–${term.upper.toFixed(2)}`;
  if (term.hazardRatio >= 1) {
    return `After 7+ days without glute work, ${pain} was about ${timesText(term.hazardRatio)} as likely to start at any given point of a run as after 0–6 days (${interval}).`;
  }
  return (
    `After 7+ days without glute work, ${pain} was about ${timesText(term.hazardRatio)} as likely to start at any given point of a run as after 0–6 days — ` +
    `that is, it tended to come later, not earlier (${interval}).`
  );
}

export const REVERSE_CAUSATION =
  'A likely reason when the pain comes later after skipped glute work: reverse causation — runners tend to do more glute work after painful weeks, so the painful runs follow recent sessions.';

const NOT_PROOF = 'This is an association in your own data, not proof of cause.';

/** The summary's heading for a verdict (its paragraph never opens with the same words). */
export function summaryTitle(verdict: Insights['verdict']): string {
  switch (verdict) {
    case 'earlier_when_skipped':
    case 'later_when_skipped':
      return 'What your data shows';
    case 'too_little':
      return 'Not enough to tell yet';
    case 'cannot_tell_yet':
      return 'Cannot tell yet';
    case 'no_clear_difference':
      return 'No clear difference';
  }
}

/** The headline of the page: the model's estimate and what Stance can and cannot say yet. */
export function summarySentences(insights: Insights): string[] {
  const { model } = insights;
  const pain = painWords(insights.filters);
  const sentences: string[] = [];
  if (model.exposure !== null) sentences.push(hazardSentence(model.exposure, pain));
  const { sequential } = model;
  switch (insights.verdict) {
    case 'too_little':
      sentences.push(
        `So far ${insights.counts.painEvents} ${insights.counts.painEvents === 1 ? 'run' : 'runs'} with ${pain} among ${insights.counts.analysed} with their pain recorded: too few to weigh.` +
          (model.problem === null ? '' : ` ${model.problem}`),
      );
      sentences.push(`Stance first weighs the evidence at ${sequential.looks[0]?.onsets ?? 10} pain onsets after a logged glute session.`);
      break;
    case 'earlier_when_skipped':
      sentences.push(
        `That is clear enough to say: at ${sequential.claimedAt?.onsets} pain onsets the evidence passed the bar Stance sets so that opening this page every week does not raise false alarms. ${NOT_PROOF}`,
      );
      break;
    case 'later_when_skipped':
      sentences.push(
        `The data clearly show ${pain} coming later, not earlier, after 7+ days without glute work (the bar was passed at ${sequential.claimedAt?.onsets} pain onsets). ${REVERSE_CAUSATION} ${NOT_PROOF}`,
      );
      break;
    case 'cannot_tell_yet': {
      const next = sequential.looks.find((look) => look.reachedOn === null);
      const more =
        sequential.moreOnsetsNeeded !== null
          ? ` If the effect stays as it looks now, about ${sequential.moreOnsetsNeeded} more pain ${sequential.moreOnsetsNeeded === 1 ? 'onset' : 'onsets'} would settle it.`
          : ' At the size it looks now, even the last check (at 60 onsets) would probably not settle it.';
      sentences.push(
        `Stance decides only at set numbers of pain onsets, so that looking every week does not produce false alarms${next ? `; the next check is at ${next.onsets} onsets (you have ${model.onsets})` : ''}.${more}`,
      );
      break;
    }
    case 'no_clear_difference':
      sentences.push(
        `At the last check, after ${sequential.looks[sequential.looks.length - 1]?.onsets} pain onsets, your data cannot tell whether skipping glute work brings the pain on earlier — which is not the same as showing it does not. The estimate above keeps updating.`,
      );
      break;
  }
  const clearAtOneLook = model.exposure !== null && (model.exposure.lower > 1 || model.exposure.upper < 1);
  if (clearAtOneLook && (insights.verdict === 'cannot_tell_yet' || insights.verdict === 'no_clear_difference')) {
    sentences.push(
      'The 95% interval leaves out 1, but it is the interval of a single look; because you look every week, Stance asks for more before it says so, and its p-value also allows for runs that are not independent.',
    );
  }
  if (model.exposure !== null && model.exposure.hazardRatio < 1 && insights.verdict !== 'later_when_skipped') sentences.push(REVERSE_CAUSATION);
  return sentences;
}

export function shortDate(localDate: string): string {
  return formatShortDate(localDate);
}
