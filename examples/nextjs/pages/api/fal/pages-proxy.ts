import { createPagesRouteHandler } from '@falkit/proxy/nextjs';

// The same proxy for Pages Router apps (the App Router route in app/api/fal/proxy is what the page uses).
// Kept here so the e2e test proves the pages adapter streams inside a real Next.js server.
const emulatorOrigin = process.env.FALKIT_EMULATOR_URL || undefined;

export default createPagesRouteHandler({
  allowedEndpoints: ['fal-ai/flux/dev', 'fal-ai/any-llm'],
  ...(emulatorOrigin ? { emulatorOrigin } : {}),
  ...(emulatorOrigin && !process.env.FAL_KEY ? { resolveCredentials: () => 'emulator' } : {}),
});

// Must be a literal: Next.js reads it statically. The body must reach the proxy unparsed, and streamed
// responses must not be size-checked.
export const config = { api: { bodyParser: false, responseLimit: false } };
