import { createFalClient } from '@falkit/core';
import { KEY, origin, page, uploadBlob } from './harness';

const fal = createFalClient({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });
page(() => fal.storage.upload(uploadBlob()));
