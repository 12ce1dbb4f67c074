/**
 * Strava's bulk export ("Download your data"): a zip holding `activities.csv` (one row per
 * activity: its date, name, type, description, time, distance, gear and the file it was exported
 * to) and `activities/` with each activity as `.fit.gz`, `.gpx(.gz)` or `.tcx.gz`.
 *
 * Reading the index, in order of trust:
 *  1. Columns by their header, in every language Strava writes its headers in (English, German,
 *     French, Spanish, Italian, Dutch, Portuguese; `HEADER_WORDS`), and in the older layout
 *     (`id,date,name,type,description,elapsed_time,distance,commute,gear,filename`, before 2019);
 *  2. columns the headers did not name, by their content: the file column holds
 *     `activities/<id>.<fit|gpx|tcx>[.gz]`, the type column Strava's activity types (in English or
 *     translated: `STRAVA_TYPE_WORDS`), the date column dates;
 *  3. when neither finds the file and type columns, the index is not understood: it is said so in
 *     the summary, and every file is judged by its own content (FIT and TCX carry their sport, a
 *     GPX its `<type>`).
 *
 * What Stance takes per row: the name (the run's title), the description (its notes), the type —
 * only run types (`isStravaRunType`) are imported, every other type is skipped without reading
 * its file, naming the type — and the gear (offered as shoes). A row without a file is a manual
 * entry (typed on Strava, no recording): when it is a run with a date, distance and time it
 * becomes a run without a track (`StravaIndex.manualEntries`).
 *
 * Numbers and dates: decimals with a comma or a point ("3,60", "3.60"); the first "Distance"
 * column is in kilometres (the display unit of the export), a second one (newer exports repeat
 * the detailed columns) and the older layout's in metres — a figure is taken as kilometres only
 * when it gives a plausible speed as kilometres and not as metres. Dates are UTC (Strava writes
 * them so): "Apr 2, 2024, 7:00:00 AM", "06.05.2024, 06:00:00", "2 avr. 2024, 07:00:00",
 * "2018-03-04 07:01:02", with the month names of the languages above.
 *
 * The CSV itself is RFC 4180 (fields quoted with "…", a quote inside doubled); the delimiter is
 * the header line's comma or semicolon. `parseCsv` stops at `CSV_LIMITS` (issue 18's bounds).
 */
import { refuse, type ImportRefusal } from '../track/refusals';

/** One row of activities.csv that lists a file. */
export interface StravaActivity {
  name: string | null;
  description: string | null;
  /** Strava's activity type as written ("Run", "Ride", "Walk", "Lauf"…). */
  type: string;
  gear: string | null;
}

/** A row without a file: an activity typed on Strava. Metres, seconds, UTC ms; NaN when absent or unreadable. */
export interface StravaManualEntry extends StravaActivity {
  /** 1-based row of activities.csv (the header is row 1). */
  row: number;
  startUtcMs: number;
  distanceMetres: number;
  elapsedSeconds: number;
  movingSeconds: number;
}

/** What an activities.csv says. */
export interface StravaIndex {
  /** True when the file and type columns were found (by header or by content). */
  understood: boolean;
  /** How the columns were found. */
  layout: 'headers' | 'older-layout' | 'content';
  /** The language of the headers, when known ("German"). */
  language: string | null;
  /** `activityFileKey(file)` → the row. */
  byFile: Map<string, StravaActivity>;
  manualEntries: StravaManualEntry[];
  /** When not understood: why, in a sentence for the summary. */
  problem: string | null;
}

/** Strava's activity types that are runs, in English and as translated exports write them. */
const RUN_TYPES = new Set([
  'run', 'trail run', 'virtual run', 'treadmill run', 'running', 'road run', 'track run',
  'lauf', 'laufen', 'traillauf', 'virtueller lauf', 'laufband',
  'course à pied', 'course a pied', 'course', 'trail', 'course virtuelle', 'course sur tapis',
  'carrera', 'correr', 'carrera por montaña', 'carrera de montaña', 'carrera virtual',
  'corsa', 'corsa in montagna', 'corsa virtuale', 'trail running',
  'hardlopen', 'hardloop', 'traillopen', 'virtueel hardlopen',
  'corrida', 'corrida em trilha', 'corrida virtual',
  'бег', 'ランニング', '跑步',
]);

/** Words of Strava types in any language (runs and others), to tell the type column by its content. */
const STRAVA_TYPE_WORDS = new Set([
  ...RUN_TYPES,
  'ride', 'virtual ride', 'e-bike ride', 'mountain bike ride', 'gravel ride', 'walk', 'hike', 'swim', 'workout', 'weight training', 'yoga',
  'alpine ski', 'backcountry ski', 'nordic ski', 'rowing', 'elliptical', 'stair-stepper', 'crossfit', 'rock climb', 'kayaking', 'canoeing',
  'ice skate', 'inline skate', 'snowboard', 'snowshoe', 'surfing', 'kitesurf', 'windsurf', 'golf', 'soccer', 'tennis', 'badminton', 'pickleball',
  'handcycle', 'wheelchair', 'velomobile', 'stand up paddling', 'sail', 'skateboard', 'hiit', 'pilates', 'squash', 'table tennis', 'racquetball',
  'radfahrt', 'radfahren', 'virtuelle radfahrt', 'spaziergang', 'gehen', 'wanderung', 'wandern', 'schwimmen', 'training', 'krafttraining',
  'sortie à vélo', 'vélo', 'marche', 'randonnée', 'natation', 'entraînement',
  'bicicleta', 'ciclismo', 'caminata', 'senderismo', 'natación', 'entrenamiento',
  'giro in bici', 'ciclismo', 'camminata', 'escursionismo', 'nuoto', 'allenamento',
  'fietsrit', 'fietsen', 'wandelen', 'wandeling', 'zwemmen',
  'pedalada', 'caminhada', 'trilha', 'natação', 'treino',
]);

/** Whether a Strava type (in any language above) is a run. */
export function isStravaRunType(type: string): boolean {
  return RUN_TYPES.has(type.trim().toLowerCase());
}

type Column = 'id' | 'date' | 'name' | 'type' | 'description' | 'elapsed' | 'moving' | 'distance' | 'gear' | 'file';

/**
 * Header words per column, normalised by `normaliseHeader` (lower case, accents and punctuation
 * gone). Sources: Strava's exports as runners have shared them (issue threads of export tools:
 * "Aktivitätsdatum", "Date de l'activité", "Fecha de la actividad"…), and the sample in
 * ../shared/import-cases.
 */
const HEADER_WORDS: Record<string, Partial<Record<Column, string[]>>> = {
  English: {
    id: ['activity id', 'id'],
    date: ['activity date', 'date'],
    name: ['activity name', 'name'],
    type: ['activity type', 'type'],
    description: ['activity description', 'description'],
    elapsed: ['elapsed time', 'elapsed time'],
    moving: ['moving time'],
    distance: ['distance'],
    gear: ['activity gear', 'gear'],
    file: ['filename', 'file name'],
  },
  German: {
    id: ['aktivitats id', 'aktivitatsid'],
    date: ['aktivitatsdatum', 'datum der aktivitat', 'datum'],
    name: ['name der aktivitat', 'aktivitatsname'],
    type: ['aktivitatsart', 'aktivitatstyp', 'sportart'],
    description: ['aktivitatsbeschreibung', 'beschreibung der aktivitat'],
    elapsed: ['verstrichene zeit', 'gesamtzeit'],
    moving: ['bewegungszeit', 'zeit in bewegung'],
    distance: ['distanz', 'strecke', 'entfernung'],
    gear: ['aktivitatsausrustung', 'ausrustung'],
    file: ['dateiname'],
  },
  French: {
    id: ['id de lactivite', 'identifiant de lactivite'],
    date: ['date de lactivite'],
    name: ['nom de lactivite'],
    type: ['type dactivite', 'type de lactivite'],
    description: ['description de lactivite'],
    elapsed: ['temps ecoule', 'duree ecoulee'],
    moving: ['temps de deplacement', 'temps en mouvement'],
    distance: ['distance'],
    gear: ['equipement de lactivite', 'equipement'],
    file: ['nom du fichier', 'nom de fichier'],
  },
  Spanish: {
    id: ['id de actividad', 'id de la actividad'],
    date: ['fecha de la actividad', 'fecha de actividad'],
    name: ['nombre de la actividad', 'nombre de actividad'],
    type: ['tipo de actividad'],
    description: ['descripcion de la actividad', 'descripcion de actividad'],
    elapsed: ['tiempo transcurrido'],
    moving: ['tiempo en movimiento'],
    distance: ['distancia'],
    gear: ['equipo de la actividad', 'equipamiento de la actividad', 'equipo'],
    file: ['nombre del archivo', 'nombre de archivo'],
  },
  Italian: {
    id: ['id attivita', 'id dellattivita'],
    date: ['data attivita', 'data dellattivita'],
    name: ['nome attivita', 'nome dellattivita'],
    type: ['tipo di attivita', 'tipo attivita'],
    description: ['descrizione attivita', 'descrizione dellattivita'],
    elapsed: ['tempo trascorso', 'tempo totale'],
    moving: ['tempo in movimento'],
    distance: ['distanza'],
    gear: ['attrezzatura attivita', 'attrezzatura dellattivita', 'attrezzatura'],
    file: ['nome file', 'nome del file'],
  },
  Dutch: {
    id: ['activiteits id', 'activiteit id'],
    date: ['activiteitsdatum', 'datum activiteit'],
    name: ['activiteitsnaam', 'naam activiteit'],
    type: ['activiteitstype', 'type activiteit'],
    description: ['activiteitsbeschrijving', 'beschrijving activiteit'],
    elapsed: ['verstreken tijd', 'totale tijd'],
    moving: ['bewegingstijd', 'tijd in beweging'],
    distance: ['afstand'],
    gear: ['activiteitsuitrusting', 'uitrusting'],
    file: ['bestandsnaam'],
  },
  Portuguese: {
    id: ['id da atividade'],
    date: ['data da atividade'],
    name: ['nome da atividade'],
    type: ['tipo de atividade', 'tipo da atividade'],
    description: ['descricao da atividade'],
    elapsed: ['tempo decorrido'],
    moving: ['tempo em movimento'],
    distance: ['distancia'],
    gear: ['equipamento da atividade', 'equipamento'],
    file: ['nome do arquivo', 'nome do ficheiro'],
  },
};

/** Strava's older layout (before 2019): lower-case, underscored English headers. */
const OLDER_LAYOUT: Record<string, Column> = {
  id: 'id',
  date: 'date',
  name: 'name',
  type: 'type',
  description: 'description',
  elapsed_time: 'elapsed',
  moving_time: 'moving',
  distance: 'distance',
  gear: 'gear',
  filename: 'file',
};

/** Lower case, accents and punctuation gone, spaces squeezed: "Aktivitäts-ID" → "aktivitats id", "Date de l'activité" → "date de lactivite". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Bounds on Strava's activities.csv, checked while it is read (README "Bounds before parsing"):
 * twenty years of two activities a day is 14,600 rows of about 90 columns; a description is at
 * most a few thousand characters.
 */
export const CSV_LIMITS = { maxRows: 200_000, maxFieldsPerRow: 1_000, maxFieldChars: 100_000 };

/**
 * Rows of RFC 4180 CSV: fields separated by `delimiter` (comma unless given), quoted with "…" (a
 * quote inside doubled), rows by CRLF or LF.
 * @throws ImportRefusal (the index as an archive member) past `CSV_LIMITS`.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const tooBig = (what: string): ImportRefusal =>
    refuse.memberRefused(`this Strava index ${what}, more than any real export, so it was not read: the activities were read from their own files, without Strava's names, descriptions and sports`);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const pushRow = (): void => {
    row.push(field);
    if (row.some((cell) => cell.length > 0)) rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i += 1) {
    if (field.length > CSV_LIMITS.maxFieldChars) throw tooBig(`holds a value over ${CSV_LIMITS.maxFieldChars.toLocaleString('en')} characters long`);
    if (row.length > CSV_LIMITS.maxFieldsPerRow) throw tooBig(`holds a row of over ${CSV_LIMITS.maxFieldsPerRow.toLocaleString('en')} columns`);
    if (rows.length > CSV_LIMITS.maxRows) throw tooBig(`holds over ${CSV_LIMITS.maxRows.toLocaleString('en')} rows`);
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      pushRow();
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) pushRow();
  return rows;
}

/** The path of a file inside the export without any compression suffix, lower case: the key that joins a CSV row to its file. */
export function activityFileKey(entryPath: string): string {
  return entryPath.replace(/\\/g, '/').replace(/^.*?(activities\/)/i, '$1').replace(/\.gz$/i, '').toLowerCase();
}

const FILE_VALUE = /(^|\/)activities\/[^/]+\.(fit|gpx|tcx)(\.gz)?$/i;

/** A decimal as Strava writes it in any language: "3,60", "3.60", "1.234,5", "1,234.5"; NaN when not a number. */
export function parseLocaleNumber(text: string): number {
  const value = text.trim().replace(/\s|\u00a0|\u202f/g, '');
  if (value.length === 0) return Number.NaN;
  const lastComma = value.lastIndexOf(',');
  const lastPoint = value.lastIndexOf('.');
  let normal = value;
  if (lastComma >= 0 && lastPoint >= 0) normal = lastComma > lastPoint ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  else if (lastComma >= 0) normal = value.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

/** Month names (lower case, accents gone, no dot) in the languages of `HEADER_WORDS` → month 1–12. */
const MONTH_WORDS: Record<string, number> = {};
for (const names of [
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['jan', 'feb', 'marz', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  ['januar', 'februar', 'marz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec'],
  ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'],
  ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
  ['janeiro', 'fevereiro', 'marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
]) {
  names.forEach((name, index) => {
    MONTH_WORDS[name] ??= index + 1;
  });
}
MONTH_WORDS.sept = 9;

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 24 && minute >= 0 && minute < 60 && second >= 0 && second < 61)) return Number.NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(ms).getUTCDate() === day ? ms : Number.NaN;
}

/** A date of activities.csv as UTC ms (formats in the module comment); NaN when it is not one. */
export function parseStravaDate(text: string): number {
  const value = text.trim();
  const clock = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?\s?[Mm]\.?)?/.exec(value);
  let hour = clock ? Number(clock[1]) : 0;
  const minute = clock ? Number(clock[2]) : 0;
  const second = clock?.[3] ? Number(clock[3]) : 0;
  const meridiem = clock?.[4]?.replace(/[.\s]/g, '').toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  const day = clock ? value.slice(0, clock.index) : value;
  let match = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(day);
  if (match) return utcMs(Number(match[1]), Number(match[2]), Number(match[3]), hour, minute, second);
  match = /(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(day);
  if (match) return utcMs(Number(match[3]), Number(match[2]), Number(match[1]), hour, minute, second); // day first (German, French, Dutch…)
  const words = day
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && word !== 'de' && word !== 'del');
  const month = words.map((word) => MONTH_WORDS[word]).find((found) => found !== undefined);
  const numbers = words.filter((word) => /^\d+$/.test(word)).map(Number);
  const year = numbers.find((n) => n >= 1990 && n < 2100);
  const dayOfMonth = numbers.find((n) => n >= 1 && n <= 31);
  if (month === undefined || year === undefined || dayOfMonth === undefined) return Number.NaN;
  return utcMs(year, month, dayOfMonth, hour, minute, second);
}

/** Seconds from "1800", "1800.0", "1.800", "0:30:00". NaN when not a duration. */
function parseSeconds(text: string): number {
  const value = text.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  return parseLocaleNumber(value);
}

/** Metres from a Strava distance: kilometres (first column of the newer layout) unless metres makes the speed plausible and kilometres does not. */
function distanceMetres(value: number, seconds: number, hint: 'km' | 'm'): number {
  if (!(value > 0)) return Number.NaN;
  if (!(seconds > 0)) return hint === 'km' ? value * 1000 : value;
  const speedAsKm = (value * 1000) / seconds;
  const speedAsMetres = value / seconds;
  const plausible = (speed: number): boolean => speed >= 0.3 && speed <= 12;
  if (plausible(speedAsKm) && !plausible(speedAsMetres)) return value * 1000;
  if (plausible(speedAsMetres) && !plausible(speedAsKm)) return value;
  return hint === 'km' ? value * 1000 : value;
}

/** The delimiter of a CSV: the header line's comma or semicolon, whichever it has more of. */
function delimiterOf(text: string): ',' | ';' {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n/)) || text.length);
  const count = (c: string): number => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads activities.csv (see the module comment). Never throws for its content: an index that
 * cannot be understood comes back with `understood: false` and the reason. Throws
 * an `ImportRefusal` past `CSV_LIMITS`.
 */
export function readStravaIndex(csvText: string): StravaIndex {
  const rows = parseCsv(csvText, delimiterOf(csvText));
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  const columns = new Map<Column, number>();
  const distanceColumns: number[] = [];
  const elapsedColumns: number[] = [];
  let layout: StravaIndex['layout'] = 'headers';
  let language: string | null = null;

  const raw = header.map((cell) => cell.trim());
  if (raw.includes('filename') && raw.includes('type') && raw.includes('id')) {
    layout = 'older-layout';
    language = 'English';
    raw.forEach((cell, at) => {
      const column = OLDER_LAYOUT[cell];
      if (column !== undefined && !columns.has(column)) columns.set(column, at);
      if (column === 'distance') distanceColumns.push(at);
      if (column === 'elapsed') elapsedColumns.push(at);
    });
  } else {
    const normal = raw.map(normaliseHeader);
    let best = 0;
    for (const [candidate, words] of Object.entries(HEADER_WORDS)) {
      const found = new Map<Column, number>();
      const distances: number[] = [];
      const elapsed: number[] = [];
      normal.forEach((cell, at) => {
        for (const [column, names] of Object.entries(words) as [Column, string[]][]) {
          if (!names.includes(cell)) continue;
          if (!found.has(column)) found.set(column, at);
          if (column === 'distance') distances.push(at);
          if (column === 'elapsed') elapsed.push(at);
        }
      });
      // A language is the one naming the most columns; the generic English words ("date", "type") count for less.
      const score = [...found.keys()].length + (found.has('file') ? 2 : 0) + (found.has('type') ? 2 : 0);
      if (score > best) {
        best = score;
        language = candidate;
        columns.clear();
        for (const [column, at] of found) columns.set(column, at);
        distanceColumns.splice(0, distanceColumns.length, ...distances);
        elapsedColumns.splice(0, elapsedColumns.length, ...elapsed);
      }
    }
  }

  // Columns the headers did not name, by their content.
  const cell = (row: string[], at: number | undefined): string => (at === undefined ? '' : (row[at] ?? '').trim());
  const share = (at: number, test: (value: string) => boolean): number => {
    const values = body.map((row) => cell(row, at)).filter((value) => value.length > 0);
    return values.length === 0 ? 0 : values.filter(test).length / values.length;
  };
  const width = Math.max(0, ...rows.map((row) => row.length));
  const taken = (): Set<number> => new Set(columns.values());
  const byContent = (column: Column, test: (value: string) => boolean, atLeast: number): void => {
    if (columns.has(column) || body.length === 0) return;
    for (let at = 0; at < width; at += 1) {
      if (taken().has(at)) continue;
      if (share(at, test) >= atLeast) {
        columns.set(column, at);
        layout = 'content';
        return;
      }
    }
  };
  byContent('file', (value) => FILE_VALUE.test(value), 0.99);
  byContent('type', (value) => STRAVA_TYPE_WORDS.has(value.toLowerCase()), 0.8);
  byContent('date', (value) => Number.isFinite(parseStravaDate(value)), 0.9);

  const index: StravaIndex = { understood: false, layout, language, byFile: new Map(), manualEntries: [], problem: null };
  if (!columns.has('type') || !columns.has('file')) {
    index.problem =
      body.length === 0
        ? 'Strava’s activities.csv lists no activities'
        : `Strava’s activities.csv could not be understood (no ${!columns.has('file') ? 'file' : 'activity type'} column was found among “${raw.slice(0, 6).join('”, “')}”…)`;
    return index;
  }
  index.understood = true;
  const text = (row: string[], column: Column, limit: number): string | null => {
    const value = cell(row, columns.get(column));
    return value.length > 0 ? value.slice(0, limit) : null;
  };
  body.forEach((row, k) => {
    const activity: StravaActivity = {
      name: text(row, 'name', 1000),
      description: text(row, 'description', 5000),
      type: text(row, 'type', 60) ?? 'an unknown type',
      gear: text(row, 'gear', 200),
    };
    const file = text(row, 'file', 1000);
    if (file !== null) {
      index.byFile.set(activityFileKey(file), activity);
      return;
    }
    const elapsedAt = elapsedColumns[elapsedColumns.length - 1] ?? columns.get('elapsed');
    const elapsedSeconds = parseSeconds(cell(row, elapsedAt));
    // The last "Distance" column: in metres where the export repeats the detailed columns.
    const lastDistance = distanceColumns[distanceColumns.length - 1] ?? columns.get('distance');
    const hint: 'km' | 'm' = layout === 'older-layout' || distanceColumns.length > 1 ? 'm' : 'km';
    index.manualEntries.push({
      ...activity,
      row: k + 2,
      startUtcMs: parseStravaDate(cell(row, columns.get('date'))),
      distanceMetres: distanceMetres(parseLocaleNumber(cell(row, lastDistance)), elapsedSeconds, hint),
      elapsedSeconds,
      movingSeconds: parseSeconds(cell(row, columns.get('moving'))),
    });
  });
  return index;
}

/**
 * Reads activities.csv into a map from `activityFileKey(Filename)` to the activity (rows with a
 * file only). Empty when the index is not understood. Kept for callers that need only the files.
 */
export function readStravaActivities(csvText: string): Map<string, StravaActivity> {
  return readStravaIndex(csvText).byFile;
}
