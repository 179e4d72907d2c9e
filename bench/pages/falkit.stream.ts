import { createFalClient } from '@falkit/core';
import { KEY, origin, page } from './harness';

const fal = createFalClient({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(async () => {
  const stream = await fal.stream('falkit/echo', { input: { events: 20 } });
  let events = 0;
  for await (const _event of stream) events++;
  return { events, done: await stream.done() };
});
