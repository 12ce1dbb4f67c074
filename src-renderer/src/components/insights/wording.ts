/**
 * The Insights' numbers in words, in the runner's units. Kept apart from the page so the
 * sentences are easy to read and to check.
 *
 * Rules (issue 9, section 8): say "after 7+ days without glute work" and "7 days with fewer glute
 * sessions than planned", never "weeks you skipped"; where the data show the pain coming LATER
 * after glute work was skipped, name reverse causation (more glute work after painful weeks) as one
 * possible reason (issue 17: false "later" claims arise without it too); Kaplan–Meier numbers read "half of these runs were still pain-free at X", never
 * a median of the onsets alone; a claim only where the group-sequential rule made one.
 */
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import type { GroupSurvival, Insights, InsightsFilters } from '../../../../src-main/shared/insights';
import { fromMetres } from '../../../../src-main/shared/units';
import { formatShortDate } from '../../local-clock';
import { fixedAnalysisSentences, REVERSE_CAUSATION, verdictTitle } from '../../../../src-main/shared/insights-words';

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

/** The next milestone not yet reached and the last one, from the model's looks. */
export function milestonesOf(insights: Insights): { next: number | null; last: number } {
  const looks = insights.model.sequential.looks;
  return { next: looks.find((look) => look.reachedOn === null)?.onsets ?? null, last: looks[looks.length - 1]?.onsets ?? 0 };
}

/** The verdict block of the page: the fixed analysis's verdict first, then its ratio and groups (shared with the Report). */
export function summarySentences(insights: Insights): string[] {
  return fixedAnalysisSentences(insights.fixed, milestonesOf(insights), formatShortDate);
}

export { REVERSE_CAUSATION, verdictTitle as summaryTitle };

export function shortDate(localDate: string): string {
  return formatShortDate(localDate);
}
