/**
 * The app protocol: the renderer is served from `stance://app/…`, a privileged custom scheme
 * handled by Electron's `protocol.handle` (index.ts), instead of `file://`, where the CSP's
 * `'self'` would match any file on the disk. Following Electron's security checklist, "Avoid
 * usage of the file protocol and prefer usage of custom protocols"
 * (https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols).
 *
 * A request is answered only from the renderer's own folder: a path that climbs out of it (by
 * `..`, encoded or not, by a backslash, an absolute path, a NUL byte, or a symbolic link
 * pointing outside) is refused with 404, as is any other host or scheme. Every answer carries
 * the Content-Security-Policy. No electron here, so tests run it under Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy } from './content-security-policy';

export const APP_SCHEME = 'stance';
export const APP_HOST = 'app';
/** The app's page: what the window loads and the only page the dispatcher trusts. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The privileges Electron gives the scheme (protocol.registerSchemesAsPrivileged): a standard, secure origin. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The file inside `rendererFolder` that a `stance://app/…` URL names, or null when the URL is
 * not the app's or its path would leave the folder. "/" is the page itself.
 */
export function rendererFileFor(rendererFolder: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rendererFolder);
  const file = path.resolve(root, `.${path.posix.normalize(pathname)}`);
  if (!file.startsWith(root + path.sep)) return null;
  // A symbolic link inside the folder must not lead out of it either.
  try {
    const real = fs.realpathSync(file);
    const realRoot = fs.realpathSync(root);
    if (real !== file && !real.startsWith(realRoot + path.sep)) return null;
  } catch {
    return null; // no such file
  }
  return file;
}

/**
 * Answers a request to the app protocol: the file with its content type and the CSP, or 404
 * (for anything outside the renderer folder, and for what does not exist), or 405 for anything
 * but GET and HEAD.
 */
export async function serveRendererRequest(rendererFolder: string, request: Request): Promise<Response> {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Not allowed', { status: 405, headers });
  const file = rendererFileFor(rendererFolder, request.url);
  if (!file) return new Response('Not found', { status: 404, headers });
  let body: Buffer;
  try {
    body = await fs.promises.readFile(file);
  } catch {
    return new Response('Not found', { status: 404, headers });
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': type } });
}

/**
 * The request filter's rule: only the app's own scheme, the developer tools, and (in
 * development only) the dev server. Everything else — `file:`, `data:`, `http(s):` — is cancelled.
 */
export function isAllowedRequest(url: string, devServerOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (parsed.protocol === 'devtools:') return true;
  return devServerOrigin !== undefined && parsed.origin === devServerOrigin;
}
