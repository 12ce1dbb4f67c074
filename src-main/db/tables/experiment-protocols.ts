/**
 * A fixed experiment protocol (migration 6): its canonical JSON contents, their SHA-256, the
 * moment it was fixed, and a stop with its reason. The database's triggers refuse any change to
 * the contents, hash or fixing time, and any delete.
 */
import { createHash } from 'node:crypto';
import { experimentContentsSchema } from '../../shared/contract-experiment';
import { canonicalJson } from '../../shared/experiment';
import type { TableDescription } from './table';
import { id, instant, passes, problem } from './rules';

/** SHA-256 of a protocol's canonical JSON, hex. */
export function protocolSha256(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export const experimentProtocols: TableDescription<'experiment_protocols'> = {
  name: 'experiment_protocols',
  columns: ['id', 'contents', 'content_sha256', 'fixed_at', 'stopped_at', 'stop_reason'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'its fingerprint (content_sha256): the same protocol',
    find: ({ db, values }) => (db.prepare('SELECT id FROM experiment_protocols WHERE content_sha256 = ?').get(values.content_sha256) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    if (typeof row.contents !== 'string' || row.contents.length > 20_000) problem('its contents are not a protocol');
    let contents: unknown;
    try {
      contents = JSON.parse(row.contents as string);
    } catch {
      problem('its contents are not readable');
    }
    passes(experimentContentsSchema, contents);
    if (canonicalJson(contents) !== row.contents) problem('its contents are not in the one form Stance stores (canonical JSON)');
    if (row.content_sha256 !== protocolSha256(row.contents as string)) problem('its contents do not match their fingerprint (SHA-256): the protocol was altered after it was fixed');
    instant(row, 'fixed_at', context);
    if ((row.stopped_at === null) !== (row.stop_reason === null)) problem('it has a stop without a reason, or a reason without a stop');
    if (row.stopped_at !== null) {
      instant(row, 'stopped_at', context);
      if (typeof row.stop_reason !== 'string' || row.stop_reason.trim().length === 0 || row.stop_reason.length > 2000) problem('its reason for stopping is not 1 to 2,000 characters');
    }
  },
};
