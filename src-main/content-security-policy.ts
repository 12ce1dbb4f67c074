/**
 * The renderer's Content-Security-Policy: nothing remote, ever. Only the app's own scripts,
 * styles, images and fonts — `'self'`, which for a page served from `stance://app/` is that
 * origin alone (never "any file on the disk", as it is for a `file://` page); no connections,
 * no frames, no plugins, no forms posting anywhere, no `data:` or `blob:` URLs.
 *
 * Used twice: as a `<meta>` tag in the built page (electron.vite.config.ts) and as the response
 * header of every file the app protocol serves (app-protocol.ts).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
