/**
 * The app protocol's confinement, on a renderer folder of its own: files inside are served,
 * a symbolic link inside that leads out of the folder is refused like `..`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAllowedRequest, rendererFileFor, serveRendererRequest } from '../src-main/app-protocol';
import { tempFolder } from './support/temp-db';

const work = tempFolder('stance-app-protocol-');
afterAll(() => work.cleanup());
const renderer = path.join(work.folder, 'renderer');
fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Stance</title>');
fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(work.folder, 'secret.txt'), 'the runner’s secret');
fs.symlinkSync(path.join(work.folder, 'secret.txt'), path.join(renderer, 'assets', 'link.js'));
fs.symlinkSync(work.folder, path.join(renderer, 'up'));

describe('the app protocol', () => {
  it('serves the page and its assets', async () => {
    expect(rendererFileFor(renderer, 'stance://app/')).toBe(path.join(renderer, 'index.html'));
    const response = await serveRendererRequest(renderer, new Request('stance://app/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each(['stance://app/assets/link.js', 'stance://app/up/secret.txt', 'stance://app/..%2fsecret.txt', 'stance://app/%2e%2e/secret.txt'])(
    'refuses %s, which leads out of the renderer folder',
    async (url) => {
      expect(rendererFileFor(renderer, url)).toBeNull();
      const response = await serveRendererRequest(renderer, new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('secret');
    },
  );

  it('the request filter allows the app scheme only (and the dev server only when given)', () => {
    expect(isAllowedRequest('stance://app/index.html', undefined)).toBe(true);
    expect(isAllowedRequest('file:///etc/passwd', undefined)).toBe(false);
    expect(isAllowedRequest('data:text/html,x', undefined)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', undefined)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });
});
