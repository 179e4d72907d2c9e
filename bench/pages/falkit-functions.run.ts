import { createFalConnection, run } from '@falkit/core/functions';
import { KEY, origin, page } from './harness';

const fal = createFalConnection({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => run(fal, 'falkit/echo', { input: { prompt: 'run' } }));
