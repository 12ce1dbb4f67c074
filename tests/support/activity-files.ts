/**
 * The same recorded run written as GPX or TCX text (FIT: tests/formats/fit/generate-fit.ts), so
 * tests and the benchmark can build exports holding every format, and the same run in two formats.
 */
import type { FitPoint } from '../formats/fit/generate-fit';

export function gpxOf(points: readonly FitPoint[], name = 'Morning Run'): string {
  const body = points
    .filter((p) => p.latitude !== undefined)
    .map((p) => `<trkpt lat="${p.latitude!.toFixed(7)}" lon="${p.longitude!.toFixed(7)}"><ele>${p.altitudeMetres ?? 0}</ele><time>${new Date(p.utcMs).toISOString()}</time>${p.heartRate === undefined ? '' : `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.heartRate}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`}</trkpt>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><name>${name}</name><type>running</type><trkseg>
${body}
</trkseg></trk></gpx>
`;
}

export function tcxOf(points: readonly FitPoint[], sport = 'Running'): string {
  const first = points[0]?.utcMs ?? 0;
  const last = points[points.length - 1];
  const body = points
    .map((p) => `<Trackpoint><Time>${new Date(p.utcMs).toISOString()}</Time>${p.latitude === undefined ? '' : `<Position><LatitudeDegrees>${p.latitude.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${p.longitude!.toFixed(7)}</LongitudeDegrees></Position>`}<DistanceMeters>${p.distanceMetres.toFixed(2)}</DistanceMeters>${p.heartRate === undefined ? '' : `<HeartRateBpm><Value>${p.heartRate}</Value></HeartRateBpm>`}</Trackpoint>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="${sport}"><Id>${new Date(first).toISOString()}</Id>
<Lap StartTime="${new Date(first).toISOString()}"><TotalTimeSeconds>${((last?.utcMs ?? first) - first) / 1000}</TotalTimeSeconds><DistanceMeters>${last?.distanceMetres ?? 0}</DistanceMeters><Track>
${body}
</Track></Lap><Creator><Name>Polar Vantage V2</Name></Creator></Activity></Activities></TrainingCenterDatabase>
`;
}
