/**
 * CSV export against spreadsheet formula injection (OWASP, "CSV Injection"): every trigger, at
 * the start of a cell or after what a spreadsheet skips first, is defused with a leading `'`;
 * every cell holding a separator (`,` or `;`) or a quote is quoted. Checked on one cell and on
 * a real export of a real database whose notes hold each value, read back with an RFC 4180
 * reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, writeCsvExport } from '../../src-main/db/services/csv';
import { addRun } from '../../src-main/db/runs';
import { openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const triggers: [string, string][] = [
  ['=', '=HYPERLINK("http://evil.example","x")'],
  ['+', '+1+cmd|" /C calc"!A0'],
  ['-', '-2+3'],
  ['@', '@SUM(A1:A9)'],
  ['tab', '\t=1+1'],
  ['carriage return', '\r=1+1'],
  ['line feed', '\n=1+1'],
  ['a space before =', ' =1+1'],
  ['spaces before +', '   +1'],
  ['a no-break space before =', '\u00a0=1+1'],
  ['a zero-width space before =', '\u200b=1+1'],
  ['a byte-order mark before =', '\ufeff=1+1'],
  ['an ideographic space before @', '\u3000@SUM(1)'],
  ['fullwidth =', '\uff1d1+1'],
  ['fullwidth +', '\uff0b1'],
  ['fullwidth -', '\uff0d1'],
  ['fullwidth @', '\uff20SUM(1)'],
  ['small =', '\ufe661+1'],
  ['minus sign', '\u22121+1'],
];

/** RFC 4180 reader: rows of cells, quotes undone. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('a CSV cell', () => {
  it.each(triggers)('starting with %s is defused: it starts with a quote mark, and reads back as the text', (_label, value) => {
    const cell = csvCell(value);
    const [[readBack]] = readCsv(`${cell}\r\n`) as [[string]];
    expect(readBack).toBe(`'${value}`);
  });

  it.each([
    ['a comma', 'left, then right', '"left, then right"'],
    ['a semicolon', 'left; then right', '"left; then right"'],
    ['a quote', 'the "long" run', '"the ""long"" run"'],
    ['a line break', 'one\nand two', '"one\nand two"'],
  ])('holding %s is quoted', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['plain words', 'Felt it at 5k'],
    ['a hyphen inside', 'ITB - left'],
    ['an e-mail-like text', 'me@example.org'],
    ['a number', 12.5],
    ['a negative number', -3],
  ])('%s is written as it is', (_label, value) => {
    expect(csvCell(value)).toBe(String(value));
  });
});

describe('a CSV export of a real database', () => {
  it('defuses every trigger in the runner’s notes and keeps every cell in its column', async () => {
    const { db, folder, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    const now = new Date('2026-11-21T12:00:00Z');
    for (const [, value] of [...triggers, ['semicolon', 'a; b'] as [string, string]]) {
      addRun(db, { localDate: '2026-11-20', localTime: '07:30', timeZone: 'UTC', distanceMetres: 5000, durationSeconds: 1800, effort: null, surface: null, shoeId: null, notes: value, saveAnyway: true }, now); // the same run, typed again on purpose
    }
    const out = writeCsvExport(db, path.join(folder, 'csv'), now);
    const rows = readCsv(fs.readFileSync(path.join(out.path, 'runs.csv'), 'utf8'));
    const header = rows[0]!;
    const notes = header.indexOf('notes');
    expect(rows.slice(1).every((row) => row.length === header.length)).toBe(true);
    const written = rows.slice(1).map((row) => row[notes]!);
    triggers.forEach(([, value], index) => expect(written[index]).toBe(`'${value}`));
    expect(written.at(-1)).toBe('a; b');
  });
});
