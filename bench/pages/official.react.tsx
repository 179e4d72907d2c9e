// The same screen by hand: @fal-ai/client + @tanstack/react-query, a progress bar from the queue updates.
import { createFalClient, type QueueStatus } from '@fal-ai/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { KEY, emulatorFetch } from './harness';
import { JOB, reactPage } from './reactHarness';

const fal = createFalClient({
  credentials: KEY,
  fetch: emulatorFetch,
  suppressLocalCredentialsWarning: true,
});
const queryClient = new QueryClient();

function Job({ done, fail }: { done: (result: unknown) => void; fail: (error: unknown) => void }) {
  const [update, setUpdate] = useState<QueueStatus>();
  const job = useQuery({
    queryKey: ['fal', JOB.endpointId, JOB.input],
    queryFn: ({ signal }) =>
      fal.subscribe(JOB.endpointId, {
        input: JOB.input,
        logs: true,
        abortSignal: signal,
        onQueueUpdate: setUpdate,
      }),
    retry: false,
  });
  useEffect(() => {
    if (job.isSuccess) done(job.data);
    if (job.isError) fail(job.error);
  }, [job.isSuccess, job.isError, job.data, job.error, done, fail]);
  const status = job.isSuccess ? 'success' : job.isError ? 'error' : (update?.status ?? 'submitting');
  const position = update?.status === 'IN_QUEUE' ? update.queue_position : undefined;
  const busy = !job.isSuccess && !job.isError;
  return (
    <div role="progressbar" aria-busy={busy} aria-label="Generation progress">
      <div style={{ width: busy ? '50%' : '100%' }} />
      <span>{position === undefined ? status : `#${position + 1} in queue`}</span>
    </div>
  );
}

reactPage((props) => (
  <QueryClientProvider client={queryClient}>
    <Job {...props} />
  </QueryClientProvider>
));
