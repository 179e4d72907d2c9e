import { createRouteHandler } from '@falkit/proxy/nextjs';

// The browser calls this route; it adds the fal key and forwards to fal (or to a local falkit emulator
// when FALKIT_EMULATOR_URL is set, e.g. http://127.0.0.1:8787 from `pnpm emulator`).
const emulatorOrigin = process.env.FALKIT_EMULATOR_URL || undefined;

export const { GET, POST, PUT } = createRouteHandler({
  // Only what this page uses: anything else is refused with 403 before reaching fal.
  allowedEndpoints: ['fal-ai/flux/dev', 'fal-ai/any-llm'],
  ...(emulatorOrigin ? { emulatorOrigin } : {}),
  // The emulator accepts any key; real fal needs FAL_KEY (or FAL_KEY_ID + FAL_KEY_SECRET) on the server.
  ...(emulatorOrigin && !process.env.FAL_KEY ? { resolveCredentials: () => 'emulator' } : {}),
  // Put your session check here, e.g. `authorize: async (request) => (await getSession(request)) !== null`.
});

export const dynamic = 'force-dynamic';
