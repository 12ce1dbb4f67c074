/** A run's file: the original (gzipped), its points (streams), splits, and what the file said of itself. */
import { gunzipSync } from 'node:zlib';
import { decodeStreams } from '../../track/streams-codec';
import type { TableDescription, TrackPoints } from './table';
import { base64Bytes, flag, id, instant, MAX_TRACK_POINTS, problem, trackExtrasSchema } from './rules';
import { SOURCE_FORMATS } from '../../shared/import-formats';

export const runTracks: TableDescription<'run_tracks'> = {
  name: 'run_tracks',
  columns: [
    'run_id', 'file_name', 'track_name', 'file_sha256', 'points_sha256', 'point_count', 'original_gzip', 'streams', 'splits_json', 'imported_at',
    'source_format', 'device_name', 'sport', 'sub_sport', 'archive_entry', 'watch_feel', 'has_route',
  ],
  exported: true,
  exportOrder: 'run_id',
  parents: { run_id: 'runs' },
  owner: 'run_id',
  check: (row, context) => {
    id(row, 'run_id');
    // Migration 004's columns (absent from exports of schemas before 4, and NULL for runs imported before it: all GPX).
    if (row.source_format !== undefined && row.source_format !== null && !SOURCE_FORMATS.some((format) => format.id === row.source_format)) {
      problem(`its file format is not one Stance reads (${SOURCE_FORMATS.map((format) => format.id).join(', ')})`);
    }
    for (const [column, longest] of [['device_name', 200], ['sport', 60], ['sub_sport', 60], ['archive_entry', 1000]] as const) {
      const value = row[column];
      if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > longest)) problem(`its ${column.replace('_', ' ')} is not text of at most ${longest} characters`);
    }
    if (row.watch_feel !== undefined && row.watch_feel !== null && !['very weak', 'weak', 'normal', 'strong', 'very strong'].includes(row.watch_feel as string)) problem('its feel from the watch is not one Stance knows');
    if (row.has_route !== undefined && row.has_route !== null) flag(row, 'has_route', 4);
    if (typeof row.file_name !== 'string' || row.file_name.length > 1000) problem('its file name is missing or too long');
    if (row.track_name !== null && (typeof row.track_name !== 'string' || row.track_name.length > 1000)) problem('its track name is too long');
    for (const column of ['file_sha256', 'points_sha256']) {
      if (typeof row[column] !== 'string' || !/^[0-9a-f]{64}$/.test(row[column] as string)) problem(`its ${column} is not a SHA-256 in hex`);
    }
    const count = row.point_count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_TRACK_POINTS) problem('its point count is out of range');
    const made = context.madeByStance;
    const original = made ? made.originalGzip : base64Bytes(row, 'original_gzip');
    if (original.length < 18 || original[0] !== 0x1f || original[1] !== 0x8b) problem('its original file (GPX, FIT or TCX) is not gzip');
    if (!made) {
      try {
        gunzipSync(original, { maxOutputLength: 1024 * 1024 * 1024 });
      } catch {
        problem('its original file (GPX, FIT or TCX) is damaged (it does not unzip)');
      }
    }
    let points: TrackPoints;
    if (made) points = made.points;
    else {
      try {
        points = decodeStreams(base64Bytes(row, 'streams'));
      } catch {
        return problem('its point streams are damaged (they do not decode)');
      }
    }
    if (points.latitude.length !== count) problem(`its point streams hold ${points.latitude.length} points, not the ${String(count)} it says`);
    for (let i = 0; i < points.latitude.length; i++) {
      const latitude = points.latitude[i]!;
      const longitude = points.longitude[i]!;
      if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) problem(`point ${i + 1} of its track is not on the Earth`);
    }
    for (const start of points.pieceStarts) if (start > points.latitude.length) problem('its track pieces point past its last point');
    let extras: unknown;
    try {
      extras = JSON.parse(String(row.splits_json));
    } catch {
      problem('its splits are not readable');
    }
    const parsed = trackExtrasSchema.safeParse(extras);
    if (!parsed.success) problem(`its splits are damaged (${parsed.error.issues[0]?.path.join('.') || 'splits'}: ${parsed.error.issues[0]?.message ?? 'not valid'})`);
    instant(row, 'imported_at', context);
  },
};
