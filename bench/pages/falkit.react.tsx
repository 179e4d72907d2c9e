import { createFalClient } from '@falkit/core';
import { FalProgress, FalProvider, useFalSubscribe } from '@falkit/react';
import { useEffect } from 'react';
import { KEY, origin } from './harness';
import { JOB, reactPage } from './reactHarness';

const client = createFalClient({ baseUrl: origin, credentials: KEY, suppressLocalCredentialsWarning: true });

function Job({ done, fail }: { done: (result: unknown) => void; fail: (error: unknown) => void }) {
  const job = useFalSubscribe(JOB.endpointId, JOB.input, { logs: true });
  useEffect(() => {
    if (job.isSuccess) done(job.data);
    if (job.isError) fail(job.error);
  }, [job, done, fail]);
  return <FalProgress status={job.status} queuePosition={job.queuePosition} logs={job.logs} />;
}

reactPage((props) => (
  <FalProvider client={client}>
    <Job {...props} />
  </FalProvider>
));
