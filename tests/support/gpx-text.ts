/** A generated GPX run (tests/formats/gpx/generate.ts) with its own track name and start. */
import { generateRunGpx, type GeneratedRunOptions } from '../formats/gpx/generate';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function gpxText(options: Partial<GeneratedRunOptions> & { name?: string } = {}): string {
  const { name, ...rest } = options;
  const text = generateRunGpx({ seconds: 300, withHeartRate: true, ...rest });
  return name === undefined ? text : text.replace('<name>Generated run</name>', `<name>${escapeXml(name)}</name>`);
}
