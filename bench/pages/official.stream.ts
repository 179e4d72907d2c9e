import { createFalClient } from '@fal-ai/client';
import { KEY, emulatorFetch, page } from './harness';

const fal = createFalClient({
  credentials: KEY,
  fetch: emulatorFetch,
  suppressLocalCredentialsWarning: true,
});
page(async () => {
  const stream = await fal.stream('falkit/echo', { input: { events: 20 } });
  let events = 0;
  for await (const _event of stream) events++;
  return { events, done: await stream.done() };
});
