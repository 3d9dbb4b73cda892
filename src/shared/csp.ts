/**
 * The Content Security Policy of every app page and worker (Electron's app:// protocol sets it on every response;
 * the pages repeat it in a meta tag). Only the app's own code and styles, no inline styles or scripts, no eval
 * (zod runs jitless), workers from the app or blob:, images drawn from shipped data, no connection anywhere.
 * React's `style={}` props go through the CSSOM and stay allowed; `<style>` elements and style attributes in HTML
 * strings do not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
