/**
 * A GPX track's own `<type>` (GPX 1.1 `trkType`, free text) → the neutral sport, so a file says
 * itself whether it was a run. The values written in practice:
 *  - Strava: `running`, `cycling`, `walking`, `hiking`, `swimming`…; its older GPX wrote numbers
 *    (`9` run, `1` ride, `10` walk, `4` hike);
 *  - Garmin Connect: `running`, `trail_running`, `treadmill_running`, `street_running`,
 *    `track_running`, `cycling`, `road_biking`, `mountain_biking`, `walking`, `hiking`…;
 *  - OpenTracks: its activity type, often in the phone's language (`running`, `biking`,
 *    `Laufen`, `Radfahren`, `walking`…); Suunto/Movescount, Komoot, RunKeeper, Runtastic:
 *    English words (`Running`, `Cycling`, `Mountain biking`, `hike`…).
 * Matching is on word stems in the languages runners' apps write (English, German, French,
 * Spanish, Italian, Dutch, Portuguese, Swedish, Polish), skiing first ("Skilanglauf" is not a
 * run). A type none of these match (`generic`, `other`, an app's own code) says nothing: null.
 */
import type { RecordedSport } from '../../track/recording';

const NUMBERED: Record<string, string> = { '9': 'running', '1': 'cycling', '10': 'walking', '4': 'hiking' };

const STEMS: [RegExp, string][] = [
  [/ski|langlauf/, 'skiing'],
  [/treadmill|laufband|tapis/, 'running:treadmill'],
  [/trail.?run|trail.?lauf|trailrun/, 'running:trail'],
  [/track.?run|piste/, 'running:track'],
  [/run|jog|lauf|laufen|course|carrera|correr|corsa|hardlo|corrida|lopning|löpning|bieg/, 'running'],
  [/cycl|bik|ride|velo|vélo|rad|bici|fiets|ciclis|pedal|cykel|rower/, 'cycling'],
  [/walk|gehen|spazier|marche|camin|wandel|passeggi|promen|spacer|gång|gang/, 'walking'],
  [/hik|wander|randonn|sender|escurs|vandr|trek/, 'hiking'],
  [/swim|schwimm|natation|nata|nuot|zwem|simning|plyw/, 'swimming'],
  [/row|ruder|aviron|remo|canoe|kayak|kanu|paddl/, 'rowing'],
  [/skat/, 'skating'],
  [/drive|driving|car|auto|fahrt|motor/, 'driving'],
];

/** The sport a GPX `<type>` names, or null when it names none Stance knows. */
export function gpxTypeSport(written: string | null): RecordedSport | null {
  if (written === null) return null;
  const text = written.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (text.length === 0) return null;
  const numbered = NUMBERED[text];
  if (numbered !== undefined) return { sport: numbered, subSport: null };
  for (const [stem, sport] of STEMS) {
    if (!stem.test(text)) continue;
    const [name, subSport] = sport.split(':') as [string, string | undefined];
    return { sport: name, subSport: subSport ?? null };
  }
  return null;
}
