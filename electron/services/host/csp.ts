/**
 * Content-Security-Policy for the renderer, served by the app:// protocol in
 * Electron and by the preview host alike. Only what Cornerstone needs:
 * 'wasm-unsafe-eval' for the codec WebAssembly, blob: workers for its
 * decoders, inline styles for React style props. No remote origin anywhere.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
