/**
 * The Insights' numbers in words, in the runner's units. Kept apart from the page so the
 * sentences are easy to read and to check.
 */
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { CorrelationResult, GroupSurvival, Insights, InsightsFilters } from '../../../../src-main/shared/insights';
import { fromMetres } from '../../../../src-main/shared/units';

export function distanceText(metres: number, unit: DistanceUnit, decimals = 1): string {
  return `${fromMetres(metres, unit).toFixed(decimals)} ${unit}`;
}

export function pText(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

export function signed(value: number, decimals = 2): string {
  return value.toFixed(decimals).replace('-', '−');
}

/** "outside-of-the-knee pain (left side)" */
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

/** "4.1 mi (95% CI 3.2–5.0)" or "not reached …". */
export function medianText(group: GroupSurvival, unit: DistanceUnit): string {
  if (group.median === null) return 'not reached (more than half of these runs stayed pain-free the whole way)';
  const lower = group.medianLower === null ? '?' : fromMetres(group.medianLower, unit).toFixed(1);
  const upper = group.medianUpper === null ? 'beyond the longest runs' : fromMetres(group.medianUpper, unit).toFixed(1);
  return `${distanceText(group.median, unit)} (95% CI ${lower}–${upper})`;
}

const NOT_PROOF = 'This is an association in your own data, not proof of cause.';

/** The sentence at the top of the page. */
export function summarySentence(insights: Insights, unit: DistanceUnit): string {
  const { onPlan, skipped, logRank } = insights.survival;
  const pain = painWords(insights.filters);
  const capitalPain = pain.charAt(0).toUpperCase() + pain.slice(1);
  switch (insights.verdict) {
    case 'too_little':
      return (
        `Too few runs or pain events to tell anything yet: ${onPlan.runs} ${onPlan.runs === 1 ? 'run' : 'runs'} after on-plan weeks, ` +
        `${skipped.runs} after weeks you skipped glute work, and ${insights.counts.painEvents} with ${pain}. ` +
        `Stance needs at least ${insights.minimums.runsPerGroup} runs in each group and ${insights.minimums.painEvents} pain onsets in all.`
      );
    case 'earlier_when_skipped':
      return (
        `After weeks you skipped glute work, ${pain} began at a median of ${medianText(skipped, unit)} ` +
        `vs ${onPlan.median === null ? 'more than half of runs staying pain-free the whole way' : medianText(onPlan, unit)} when on plan; ` +
        `log-rank ${pText(logRank?.pValue ?? 1)}. ${NOT_PROOF}`
      );
    case 'later_when_skipped':
      return (
        `${capitalPain} began later, not earlier, after weeks you skipped glute work: a median of ${medianText(skipped, unit)} ` +
        `vs ${medianText(onPlan, unit)} when on plan; log-rank ${pText(logRank?.pValue ?? 1)}. ${NOT_PROOF}`
      );
    case 'no_clear_difference':
      return (
        `No clear difference: ${pain} began at a median of ${medianText(skipped, unit)} after weeks you skipped glute work ` +
        `and ${medianText(onPlan, unit)} when on plan (log-rank ${pText(logRank?.pValue ?? 1)}). ` +
        'Your data so far cannot tell whether skipping glute work brings the pain on earlier — which is not the same as showing it does not.'
      );
  }
}

/** The plain reading of chart 1. */
export function trendReading(correlation: CorrelationResult): string {
  const { rho, lower, upper, pValue, n } = correlation;
  if (rho === null || pValue === null || lower === null || upper === null) return 'Too few runs to read a trend yet.';
  const numbers = `Spearman ρ = ${signed(rho)}, 95% CI ${signed(lower)} to ${signed(upper)}, ${pText(pValue)}, ${n} runs`;
  if (pValue >= 0.05) return `No clear trend with the days since your last glute session (${numbers}).`;
  return rho < 0
    ? `The longer since your last glute session, the earlier in the run the pain tended to begin (${numbers}).`
    : `The longer since your last glute session, the later in the run the pain tended to begin (${numbers}).`;
}

export function shortDate(localDate: string): string {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
