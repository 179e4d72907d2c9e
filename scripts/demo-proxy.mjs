// The demo's server side when FAL_KEY is set: @falkit/proxy's Node adapter on loopback. Storybook's
// dev server forwards the browser's `/api/fal/proxy` requests here (same origin, no CORS needed).
//
// FALKIT_DEMO_PROXY_EMULATOR_URL (tests only) sends the proxied requests to a falkit emulator instead of
// fal.ai, so the browser test can drive this exact route without leaving loopback.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createNodeHandler } from '../packages/proxy/dist/entries/node.js';

const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
const host = values.host ?? '127.0.0.1';
const emulatorOrigin = process.env.FALKIT_DEMO_PROXY_EMULATOR_URL || undefined;

const handler = createNodeHandler({
  // Only what the playground calls; the key comes from FAL_KEY in this process's environment.
  allowedEndpoints: ['fal-ai/fast-sdxl', 'fal-ai/flux/dev', 'fal-ai/whisper', 'fal-ai/any-llm'],
  ...(emulatorOrigin ? { emulatorOrigin } : {}),
  onError: (error) => console.error('falkit demo proxy:', error),
});

const server = createServer(handler);
server.listen(Number(values.port ?? 8788), host, () => {
  const { port } = server.address();
  console.log(`falkit demo proxy listening on http://${host}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
