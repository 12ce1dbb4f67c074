/**
 * The Insights' verdict in words, shared by the Insights page and the Report so both say the same
 * thing about the same analysis (issue 17). Pure TypeScript; dates are formatted by the caller's
 * `formatDate` (YYYY-MM-DD in, the runner's way of writing dates out).
 *
 * Rules: the verdict first; the groups of the headline with their sizes; a ratio only where
 * headlineRatio allows one, its interval labelled as a single look's (not protected against
 * repeated looks); reverse causation named as one possible reason, never the likely one; the
 * period the analysis covers stated as it is.
 */
import type { MainComplaint } from './domain';
import type { AnalysisPeriod, FixedAnalysisSummary, HeadlineGroups, InsightsVerdict, ModelTerm } from './insights';

const where: Record<MainComplaint['location'], string> = {
  lateral_knee: 'pain on the outside of the knee',
  front_knee: 'pain at the front of the knee',
  hip: 'hip pain',
  other: 'pain (other places)',
};

/** "pain on the outside of the knee (either side)". */
export function complaintWords(complaint: MainComplaint): string {
  return `${where[complaint.location]} (${complaint.side === 'either' ? 'either side' : `${complaint.side} side`})`;
}

/** The verdict's heading. */
export function verdictTitle(verdict: InsightsVerdict): string {
  switch (verdict) {
    case 'earlier_when_skipped':
      return 'Verdict: the pain comes on earlier after 7+ days without glute work';
    case 'later_when_skipped':
      return 'Verdict: the pain comes on later after 7+ days without glute work';
    case 'too_little':
      return 'Verdict: not enough to tell yet';
    case 'cannot_tell_yet':
      return 'Verdict: cannot tell yet';
    case 'no_clear_difference':
      return 'Verdict: no clear difference';
  }
}

/** "1.8×" with two significant figures. */
export function ratioText(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(ratio >= 1 ? 1 : 2)}×`;
}

const runs = (count: number) => `${count.toLocaleString('en-GB')} ${count === 1 ? 'run' : 'runs'}`;

/** "7+ days without glute work: 40 runs, 12 with pain (3 without a pain note); 0–6 days: …". */
export function groupsSentence(groups: HeadlineGroups): string {
  const one = (name: string, group: HeadlineGroups['skipped']) =>
    `${name}: ${runs(group.runs)}, ${group.onsets} with pain${group.unnoted > 0 ? ` (and ${runs(group.unnoted)} without a pain note)` : ''}`;
  return `The groups compared — ${one('after 7+ days without glute work', groups.skipped)}; ${one('after 0–6 days', groups.usual)}.`;
}

/** The ratio with its interval labelled as a single look's, or why there is none. */
export function ratioSentence(ratio: ModelTerm | null, why: string | null, pain: string): string {
  if (ratio === null) return `No ratio is given: ${why ?? 'the model could not be fitted.'}`;
  const interval = `95% interval ${ratio.lower.toFixed(2)}–${ratio.upper.toFixed(2)}, the interval of a single look, not protected against repeated looks`;
  const direction = ratio.hazardRatio >= 1 ? '' : ' — that is, it tended to come later, not earlier';
  return `After 7+ days without glute work, ${pain} was about ${ratioText(ratio.hazardRatio)} as likely to start at any given point of a run as after 0–6 days${direction} (${interval}).`;
}

export const REVERSE_CAUSATION =
  'One possible reason when the pain comes later after skipped glute work is reverse causation: runners tend to do more glute work after painful weeks, so painful runs follow recent sessions. Chance and other differences between the weeks are others.';

const NOT_PROOF = 'This is an association in your own data, not proof of cause.';

/** What the verdict means, in a sentence or two. */
export function verdictSentence(period: AnalysisPeriod, nextMilestone: number | null, lastMilestone: number, pain: string): string {
  switch (period.verdict) {
    case 'earlier_when_skipped':
      return `At ${period.decidedAt?.onsets} pain onsets the evidence passed the bar set so that looking every week does not raise false alarms, with runs without a pain note left out and with them counted as pain-free. The verdict stays. ${NOT_PROOF}`;
    case 'later_when_skipped':
      return `At ${period.decidedAt?.onsets} pain onsets the evidence passed the bar, the other way: ${pain} came later, not earlier, after 7+ days without glute work. The verdict stays. ${REVERSE_CAUSATION} ${NOT_PROOF}`;
    case 'no_clear_difference':
      return `The analysis reached its last check (${lastMilestone} pain onsets) without passing the bar: the data cannot tell whether skipping glute work brings the pain on earlier — which is not the same as showing it does not. The verdict stays; after a change of routine you can start a new analysis.`;
    case 'cannot_tell_yet':
    case 'too_little':
      return `Stance decides only at set numbers of pain onsets, counted over the whole analysis${nextMilestone === null ? '' : `; the next check is at ${nextMilestone} onsets (there are ${period.onsets} so far)`}. A date range, site or side chosen on the page never changes the verdict.`;
  }
}

/** "This analysis covers 3 Jan 2025 – 20 Nov 2026: every run since the first with a pain note, for pain on the outside of the knee (either side)." */
export function periodSentence(period: AnalysisPeriod, complaint: MainComplaint, formatDate: (date: string) => string, first: boolean): string {
  const since = first ? 'every run since your first run with a pain note' : 'every run since you began this analysis';
  return `This analysis covers ${formatDate(period.from)} – ${formatDate(period.to)}: ${since}, for ${complaintWords(complaint)}.`;
}

/** How runs without a pain note were treated, when there are any. */
export function unnotedSentence(groups: HeadlineGroups): string | null {
  const unnoted = groups.skipped.unnoted + groups.usual.unnoted;
  if (unnoted === 0) return null;
  return `${runs(unnoted)} in this analysis ${unnoted === 1 ? 'has' : 'have'} no pain note (${groups.skipped.unnoted} after 7+ days, ${groups.usual.unnoted} after 0–6 days). A verdict is made only when it holds both with them left out and with them counted as pain-free to their full distance; noting the pain of every run keeps it sharp.`;
}

/** Every sentence of the verdict block, verdict first, for the page and the Report. */
export function fixedAnalysisSentences(
  fixed: FixedAnalysisSummary,
  milestones: { next: number | null; last: number },
  formatDate: (date: string) => string,
): string[] {
  const period = fixed.periods[fixed.periods.length - 1];
  if (period === undefined) return ['No run has a pain note yet: the analysis starts at the first run whose knee pain (or that it was pain-free) you record.'];
  const pain = where[fixed.complaint.location];
  const sentences = [verdictSentence(period, milestones.next, milestones.last, pain), ratioSentence(period.ratio, period.why, pain), groupsSentence(period.groups)];
  const unnoted = unnotedSentence(period.groups);
  if (unnoted !== null) sentences.push(unnoted);
  if (period.ratio !== null && period.ratio.hazardRatio < 1 && period.verdict !== 'later_when_skipped') sentences.push(REVERSE_CAUSATION);
  sentences.push(periodSentence(period, fixed.complaint, formatDate, fixed.periods.length === 1));
  return sentences;
}
