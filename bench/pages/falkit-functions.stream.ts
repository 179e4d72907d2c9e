import { createFalConnection, stream } from '@falkit/core/functions';
import { KEY, origin, page } from './harness';

const fal = createFalConnection({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(async () => {
  const events = await stream(fal, 'falkit/echo', { input: { events: 20 } });
  let count = 0;
  for await (const _event of events) count++;
  return { events: count, done: await events.done() };
});
