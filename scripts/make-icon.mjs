#!/usr/bin/env node
/**
 * Draws resources/icon.png (512×512): a bent leg — hip, knee, ankle — in white on Stance green,
 * with the knee marked. Plain PNG encoding with node:zlib, so no image tool is needed.
 * Run it again only to change the icon; the PNG is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 512;
const pixels = Buffer.alloc(size * size * 4);
const green = [29, 107, 87];
const white = [255, 255, 255];
const amber = [242, 169, 59];

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const hip = [196, 110], knee = [300, 270], ankle = [214, 420], toe = [300, 430];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    // Rounded square with 96 px corners, 1 px anti-aliasing.
    const cx = Math.max(96 - x, 0, x - (size - 1 - 96)), cy = Math.max(96 - y, 0, y - (size - 1 - 96));
    const outside = Math.hypot(cx, cy) - 96;
    const alpha = Math.max(0, Math.min(1, 0.5 - outside));
    let colour = green;
    const limb = Math.min(
      distanceToSegment(x, y, ...hip, ...knee),
      distanceToSegment(x, y, ...knee, ...ankle),
      distanceToSegment(x, y, ...ankle, ...toe),
    );
    if (limb < 30) colour = white;
    if (Math.hypot(x - knee[0], y - knee[1]) < 26) colour = amber;
    pixels.set([...colour, Math.round(alpha * 255)], i);
  }
}

const rows = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources/icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
