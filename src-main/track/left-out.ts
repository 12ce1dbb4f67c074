/**
 * What to say about the points a reader left out of a recording (`RecordedTrack.leftOut`):
 * a refusal naming the real cause when none is left, a warning when some are.
 */
import type { RunWarning } from './derive';
import type { PointsLeftOut, RecordedTrack } from './recording';
import { refuse, type ImportRefusal } from './refusals';

function dateOf(utcMs: number): string {
  const date = new Date(utcMs);
  return Number.isFinite(date.getTime()) ? date.toISOString().slice(0, 10) : 'an impossible date';
}

function days(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** The causes, most points first, as clauses ("601 are dated 2120-01-01 …"). */
function causes(leftOut: PointsLeftOut): string[] {
  const clauses: { count: number; text: string }[] = [];
  if (leftOut.datedOutside > 0) {
    clauses.push({
      count: leftOut.datedOutside,
      text: `${leftOut.datedOutside.toLocaleString('en')} ${leftOut.datedOutside === 1 ? 'is' : 'are'} dated ${leftOut.exampleUtcMs === null ? 'outside 1990–2099' : dateOf(leftOut.exampleUtcMs)}, outside the years 1990–2099 a recording can have (the watch's clock was not set)`,
    });
  }
  if (leftOut.offTheGlobe > 0) {
    const where = leftOut.exampleLatitude !== null && Math.abs(leftOut.exampleLatitude) > 90 ? `latitude ${Math.round(leftOut.exampleLatitude * 1000) / 1000}°` : `longitude ${Math.round((leftOut.exampleLongitude ?? 0) * 1000) / 1000}°`;
    clauses.push({ count: leftOut.offTheGlobe, text: `${leftOut.offTheGlobe.toLocaleString('en')} ${leftOut.offTheGlobe === 1 ? 'has a position' : 'have positions'} off the globe (${where}; latitudes run to 90°, longitudes to 180°)` });
  }
  if (leftOut.afterTheEnd > 0) {
    clauses.push({
      count: leftOut.afterTheEnd,
      text: `${leftOut.afterTheEnd.toLocaleString('en')} ${leftOut.afterTheEnd === 1 ? 'is' : 'are'} dated after the session ended (up to ${days(leftOut.latestAfterEndSeconds)} after it)`,
    });
  }
  return clauses.sort((a, b) => b.count - a.count).map((clause) => clause.text);
}

/** The refusal for a recording left with fewer than two points because of `leftOut`, or null when that is not why. */
export function leftOutRefusal(track: RecordedTrack): ImportRefusal | null {
  const leftOut = track.leftOut;
  if (leftOut === undefined || track.pointCount >= 2) return null;
  const dropped = leftOut.datedOutside + leftOut.offTheGlobe + leftOut.afterTheEnd;
  if (dropped === 0 || leftOut.recorded < 2) return null;
  const code = leftOut.offTheGlobe > leftOut.datedOutside + leftOut.afterTheEnd ? 'no-valid-positions' : 'times-unusable';
  return refuse.pointsLeftOut(code, leftOut.recorded, causes(leftOut).join('; '));
}

/** Warnings for a recording that kept at least two points but lost some (`leftOut`). */
export function leftOutWarnings(track: RecordedTrack): RunWarning[] {
  const leftOut = track.leftOut;
  if (leftOut === undefined) return [];
  const dropped = leftOut.datedOutside + leftOut.offTheGlobe + leftOut.afterTheEnd;
  if (dropped === 0) return [];
  return [
    {
      code: 'points-left-out',
      message: `${dropped.toLocaleString('en')} of the recording's ${leftOut.recorded.toLocaleString('en')} points were left out: ${causes(leftOut).join('; ')}.`,
    },
  ];
}
