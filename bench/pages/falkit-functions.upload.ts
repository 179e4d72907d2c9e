import { createFalConnection, upload } from '@falkit/core/functions';
import { KEY, origin, page, uploadBlob } from './harness';

const fal = createFalConnection({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => upload(fal, uploadBlob()));
