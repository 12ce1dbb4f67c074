/**
 * What a file that is not an activity is, so a summary can say what a file, archive or folder
 * held ("42 files: 40 Zepp/Amazfit workout summary CSVs, which hold no routes; 2 photos") rather
 * than "0 imported". Judged by content first (the first bytes), then by name. The kinds and their
 * words are the shared vocabulary's (shared/import-formats.ts `RECOGNISED_NOT_READ`).
 *
 *  - Zepp/Amazfit (Zepp Life / Mi Fit "export data"): CSV files whose header names the workout
 *    summary columns (`type,startTime,sportTime(s),…,distance(m),…`: SPORT_*.csv) or the health
 *    series (ACTIVITY, HEARTRATE, SLEEP, BODY, USER);
 *  - Polar Flow account files (JSON that is not a training session: account-data, devices,
 *    daily activity, sleep…);
 *  - Apple Health's clinical document (export_cda.xml);
 *  - photos and videos (JPEG, PNG, HEIC, GIF, MP4/MOV by their magic bytes), PDFs and documents.
 */
import path from 'node:path';
import type { HeldKind } from '../shared/import-formats';

function startsWith(head: Uint8Array, bytes: number[], at = 0): boolean {
  return bytes.every((byte, k) => head[at + k] === byte);
}

/** The header line of a text file, lower case. */
function firstLine(head: Uint8Array): string {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 2048)).toString('utf8').replace(/^\uFEFF/, '');
  return (text.split(/\r?\n/)[0] ?? '').toLowerCase();
}

/** Whether a CSV header is Zepp's workout summary (SPORT_*.csv). */
export function isZeppSummaryHeader(line: string): boolean {
  return /\bstarttime\b/.test(line) && /sporttime/.test(line) && /distance/.test(line);
}

/** The kind of a file that holds no activity, from its name and first bytes. */
export function heldKindOf(name: string, head: Uint8Array): HeldKind {
  const base = path.posix.basename(name.replace(/\\/g, '/')).toLowerCase();
  if (startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'photo';
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) return 'photo'; // ISO media: HEIC, MP4, MOV
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'document'; // %PDF
  if (/\.(jpe?g|png|heic|gif|mp4|mov|webp)$/.test(base)) return 'photo';
  if (/\.(pdf|docx?|txt|md|html?)$/.test(base)) return 'document';
  if (/export_cda\.xml$/.test(base)) return 'apple-clinical';
  const line = firstLine(head);
  if (base.endsWith('.csv') || line.includes(',')) {
    if (isZeppSummaryHeader(line)) return 'zepp-summary';
    if (/^(activity|heartrate|heartrate_auto|sleep|body|user|activity_minute|activity_stage)_/.test(base) && /\b(date|time)\b/.test(line)) return 'zepp-health';
    if (base.endsWith('.csv')) return 'csv';
  }
  const trimmed = line.trimStart();
  if (base.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/^(account|devices|device|activity|sleep|calendar|favourite|favorite|target|training-target|sport-profile|sport|program|user)/.test(base) || /polar/.test(name.toLowerCase())) return 'polar-account';
    return 'json';
  }
  return 'other';
}
