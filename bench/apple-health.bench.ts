/**
 * Apple Health benchmark (part "health" of npm run bench; alone: npm run bench:apple-health).
 *
 * A generated export of realistic size: ten years (2015–2024) of one runner's iPhone and Watch —
 * heart rate every 4 minutes and step counts every hour, day and night (the `<Record>`s that make
 * real exports gigabytes), and ~5 workouts a week: runs (every tenth indoors, without a route),
 * walks, rides and strength sessions, each with its WorkoutStatistics and metadata; the outdoor
 * runs of the last year with their route GPX (one point a second) in `workout-routes/`. The
 * export.xml is over 500 MB. It is generated lazily into the system's temp folder (kept between
 * runs, never committed: `STANCE_BENCH_HEALTH_DIR` moves it) and zipped with the system's `zip`
 * as the Health app does.
 *
 * Measured: the whole import of export.zip by Stance's batch import (import/batch.ts) into a new
 * database, in a child process: seconds, peak memory (VmHWM) — which must stay far below the
 * export.xml's size, since it is read as a stream — and what it imported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HealthBenchResult {
  exportXmlMb: number;
  zipMb: number;
  workouts: number;
  routes: number;
  seconds: number;
  peakRssMb: number;
  imported: number;
  skipped: number;
}

/** Ten years; fewer (STANCE_BENCH_HEALTH_DAYS) only to try the bench out quickly. */
const DAYS = Number(process.env.STANCE_BENCH_HEALTH_DAYS ?? 3653);
const FOLDER = process.env.STANCE_BENCH_HEALTH_DIR ?? path.join(os.tmpdir(), `stance-bench-apple-health-v1-${DAYS}`);
const FIRST_DAY = Date.UTC(2015, 0, 1);
const ROUTES_FROM_DAY = Math.max(0, DAYS - 365);

const pad = (n: number): string => String(n).padStart(2, '0');
/** "2024-05-04 07:30:00 +0200": Apple's format (Central European time, summer offset for simplicity of the generator). */
function appleDate(utcMs: number): string {
  const local = new Date(utcMs + 2 * 3600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0200`;
}

const DTD = `<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate value CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED sourceName CDATA #REQUIRED sourceVersion CDATA #IMPLIED device CDATA #IMPLIED creationDate CDATA #IMPLIED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
<!ELEMENT Workout ((MetadataEntry|WorkoutEvent|WorkoutRoute|WorkoutStatistics)*)>
<!ATTLIST Workout workoutActivityType CDATA #REQUIRED duration CDATA #IMPLIED durationUnit CDATA #IMPLIED sourceName CDATA #REQUIRED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
]>`;

const DEVICE = '&lt;&lt;HKDevice: 0x283a1c2d0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.4&gt;';

function routeGpx(startUtcMs: number, seconds: number, day: number): string {
  const lines: string[] = [];
  let lat = 47.37 + (day % 20) / 1000;
  let lon = 8.54;
  for (let s = 0; s <= seconds; s += 1) {
    // 2.9 m a second, the heading turning slowly: a loop, not a line.
    lat += (2.9 / 111_195) * Math.cos(s / 400);
    lon += (2.9 / 75_000) * Math.sin(s / 400);
    lines.push(
      `<trkpt lon="${lon.toFixed(6)}" lat="${lat.toFixed(6)}"><ele>${(410 + 15 * Math.sin(s / 300)).toFixed(1)}</ele><time>${new Date(startUtcMs + s * 1000).toISOString().replace('.000', '')}</time><extensions><speed>2.9</speed><course>45.0</course><hAcc>4.2</hAcc><vAcc>3.1</vAcc></extensions></trkpt>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">\n<metadata><time>${new Date(startUtcMs).toISOString()}</time></metadata>\n<trk><name>Route</name><trkseg>\n${lines.join('\n')}\n</trkseg></trk>\n</gpx>\n`;
}

/** Writes apple_health_export/ (export.xml, workout-routes/) and zips it; returns the zip and counts. Lazy: kept between runs. */
function generate(): { zip: string; exportXmlMb: number; zipMb: number; workouts: number; routes: number } {
  const zip = path.join(FOLDER, 'export.zip');
  const marker = path.join(FOLDER, 'done.json');
  if (fs.existsSync(marker) && fs.existsSync(zip)) return { zip, ...(JSON.parse(fs.readFileSync(marker, 'utf8')) as { exportXmlMb: number; zipMb: number; workouts: number; routes: number }) };
  fs.rmSync(FOLDER, { recursive: true, force: true });
  const root = path.join(FOLDER, 'apple_health_export');
  fs.mkdirSync(path.join(root, 'workout-routes'), { recursive: true });
  const xmlPath = path.join(root, 'export.xml');
  const fd = fs.openSync(xmlPath, 'w');
  let buffered: string[] = [];
  let bufferedChars = 0;
  const write = (text: string): void => {
    buffered.push(text);
    bufferedChars += text.length;
    if (bufferedChars > 8 * 1024 * 1024) flush();
  };
  const flush = (): void => {
    fs.writeSync(fd, buffered.join(''));
    buffered = [];
    bufferedChars = 0;
  };
  write(`<?xml version="1.0" encoding="UTF-8"?>\n${DTD}\n<HealthData locale="de_CH">\n <ExportDate value="${appleDate(FIRST_DAY + DAYS * 86_400_000)}"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth="1985-01-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale" HKCharacteristicTypeIdentifierBloodType="HKBloodTypeNotSet" HKCharacteristicTypeIdentifierFitzpatrickSkinType="HKFitzpatrickSkinTypeNotSet" HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse="None"/>\n`);
  let workouts = 0;
  let routes = 0;
  for (let day = 0; day < DAYS; day += 1) {
    const midnight = FIRST_DAY + day * 86_400_000;
    for (let minute = 0; minute < 1440; minute += 4) {
      const at = appleDate(midnight + minute * 60_000);
      write(` <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch von Anna" sourceVersion="10.4" device="${DEVICE}" unit="count/min" creationDate="${at}" startDate="${at}" endDate="${at}" value="${60 + ((day * 7 + minute) % 50)}">\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n`);
    }
    for (let hour = 0; hour < 24; hour += 1) {
      const from = appleDate(midnight + hour * 3_600_000);
      const to = appleDate(midnight + hour * 3_600_000 + 3_599_000);
      write(` <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone von Anna" sourceVersion="17.4" device="${DEVICE}" unit="count" creationDate="${to}" startDate="${from}" endDate="${to}" value="${(day * 31 + hour * 17) % 900}"/>\n`);
    }
    const weekday = day % 7;
    const kind = weekday === 1 || weekday === 3 || weekday === 5 || weekday === 6 ? 'Running' : weekday === 2 ? 'Walking' : weekday === 4 ? 'Cycling' : 'TraditionalStrengthTraining';
    const start = midnight + (6 * 60 + (day % 90)) * 60_000;
    const minutes = kind === 'Running' ? 35 + (day % 25) : 45;
    const end = start + minutes * 60_000;
    const indoor = kind === 'Running' && day % 10 === 0;
    const withRoute = kind !== 'TraditionalStrengthTraining' && !indoor && day >= ROUTES_FROM_DAY && (kind === 'Running' || day % 3 === 0);
    const km = kind === 'Running' ? (minutes * 60 * 2.9) / 1000 : kind === 'Cycling' ? minutes * 0.42 : minutes * 0.09;
    workouts += 1;
    write(` <Workout workoutActivityType="HKWorkoutActivityType${kind}" duration="${minutes}" durationUnit="min" sourceName="Apple Watch von Anna" sourceVersion="10.4" device="${DEVICE}" creationDate="${appleDate(end)}" startDate="${appleDate(start)}" endDate="${appleDate(end)}">\n`);
    write(`  <MetadataEntry key="HKIndoorWorkout" value="${indoor ? 1 : 0}"/>\n  <MetadataEntry key="HKTimeZone" value="Europe/Zurich"/>\n`);
    write(`  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="${appleDate(start)}" duration="${minutes / 2}" durationUnit="min"/>\n`);
    if (kind !== 'TraditionalStrengthTraining') write(`  <WorkoutStatistics type="HKQuantityTypeIdentifierDistance${kind === 'Cycling' ? 'Cycling' : 'WalkingRunning'}" startDate="${appleDate(start)}" endDate="${appleDate(end)}" sum="${km.toFixed(3)}" unit="km"/>\n`);
    write(`  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="${appleDate(start)}" endDate="${appleDate(end)}" average="${140 + (day % 20)}" minimum="95" maximum="178" unit="count/min"/>\n`);
    if (withRoute) {
      const name = `route_${new Date(start).toISOString().slice(0, 10)}_${day}.gpx`;
      write(`  <WorkoutRoute sourceName="Apple Watch von Anna" sourceVersion="10.4" creationDate="${appleDate(end)}" startDate="${appleDate(start)}" endDate="${appleDate(end)}">\n   <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>\n   <FileReference path="/workout-routes/${name}"/>\n  </WorkoutRoute>\n`);
      fs.writeFileSync(path.join(root, 'workout-routes', name), routeGpx(start, minutes * 60, day));
      routes += 1;
    }
    write(' </Workout>\n');
  }
  write('</HealthData>\n');
  flush();
  fs.closeSync(fd);
  const exportXmlMb = fs.statSync(xmlPath).size / 1024 ** 2;
  execFileSync('zip', ['-q', '-r', '-1', zip, 'apple_health_export'], { cwd: FOLDER });
  fs.rmSync(root, { recursive: true, force: true });
  const counts = { exportXmlMb, zipMb: fs.statSync(zip).size / 1024 ** 2, workouts, routes };
  fs.writeFileSync(marker, JSON.stringify(counts));
  return { zip, ...counts };
}

export function benchHealth(): HealthBenchResult {
  const started = performance.now();
  const generated = generate();
  console.log(`Apple Health export: ${generated.exportXmlMb.toFixed(0)} MB export.xml (${generated.workouts.toLocaleString('en')} workouts over ten years, ${generated.routes} routes), ${generated.zipMb.toFixed(0)} MB zipped — ready in ${((performance.now() - started) / 1000).toFixed(1)} s (kept in ${FOLDER})`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'apple-health-import-child.ts'), generated.zip], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`The Apple Health import failed: ${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; peakRssMb: number; imported: number; skipped: number; refused: number; notes: string[] };
  console.log(`  imported ${measured.imported.toLocaleString('en')} runs, skipped ${measured.skipped.toLocaleString('en')} other workouts, refused ${measured.refused} in ${measured.seconds.toFixed(1)} s; peak memory ${measured.peakRssMb.toFixed(0)} MB`);
  for (const note of measured.notes) console.log(`  ${note}`);
  return { exportXmlMb: generated.exportXmlMb, zipMb: generated.zipMb, workouts: generated.workouts, routes: generated.routes, seconds: measured.seconds, peakRssMb: measured.peakRssMb, imported: measured.imported, skipped: measured.skipped };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename)) benchHealth();
