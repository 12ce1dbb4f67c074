import { describe, expect, it } from 'vitest';
import { commandLineOf } from '../../src-main/cli/app-arguments';

describe('which launches of the app are command lines', () => {
  it('takes everything after --cli, whatever Chromium switches come first', () => {
    expect(commandLineOf(['/opt/Stance/stance', '--cli', 'import', 'run.gpx', '--json'], false)).toEqual(['import', 'run.gpx', '--json']);
    expect(commandLineOf(['/opt/Stance/stance', '--no-sandbox', '--cli', 'check', '--db', '/x/stance.sqlite'], false)).toEqual(['check', '--db', '/x/stance.sqlite']);
    expect(commandLineOf(['Stance.exe', '--cli'], false)).toEqual([]);
    // Under `electron .` the app's folder is the first argument.
    expect(commandLineOf(['/usr/lib/electron', '.', '--cli', 'backup'], true)).toEqual(['backup']);
  });

  it('takes a command’s name as the first argument: the executable run as `stance import …`', () => {
    expect(commandLineOf(['/usr/bin/stance', 'import', 'a.fit', 'b.gpx'], false)).toEqual(['import', 'a.fit', 'b.gpx']);
    expect(commandLineOf(['/usr/bin/stance', '--no-sandbox', 'import-json', 'export.json'], false)).toEqual(['import-json', 'export.json']);
    expect(commandLineOf(['/usr/bin/stance', '--help'], false)).toEqual(['--help']);
    expect(commandLineOf(['/usr/lib/electron', '.', 'export', '--out', 'x'], true)).toEqual(['export', '--out', 'x']);
  });

  it('opens the window for every other launch: none, desktop file paths and URLs, macOS’s -psn_, the app folder under electron', () => {
    for (const argv of [
      ['/opt/Stance/stance'],
      ['/opt/Stance/stance', '/home/r/import'],
      ['/opt/Stance/stance', '/home/r/runs/import.gpx'],
      ['/opt/Stance/stance', 'file:///home/r/check'],
      ['/Applications/Stance.app/Contents/MacOS/Stance', '-psn_0_12345'],
      ['/opt/Stance/stance', '--no-sandbox'],
      ['/opt/Stance/stance', 'Import'],
      ['/opt/Stance/stance', 'run.gpx', 'import'],
    ]) {
      expect(commandLineOf(argv, false), argv.join(' ')).toBeNull();
    }
    expect(commandLineOf(['/usr/lib/electron', '.'], true)).toBeNull();
    expect(commandLineOf(['/usr/lib/electron', 'import'], true)).toBeNull(); // the app folder named "import", no command
  });
});
