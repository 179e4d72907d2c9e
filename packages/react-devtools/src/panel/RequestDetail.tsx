/** One entry in full: facts, actions, input, output, error (with field errors), logs, stream/upload/realtime. */
import { ValidationError } from '@falkit/core';
import { isPendingStatus, type ObserverStatus } from '@falkit/core/observers';
import { useState } from 'react';
import type { DevtoolsEntry, DevtoolsSource } from '../devtoolsEntry';
import { toCode, toCurl } from './copyAs';
import { entryTimes } from './entryTimes';
import { formatBytes, formatDuration, formatRate } from './format';
import { JsonTree } from './JsonTree';
import { LogList } from './LogList';
import { QueueChart } from './QueueChart';
import { StatusBadge } from './StatusBadge';

export interface RequestDetailProps {
  entry: DevtoolsEntry;
  source: DevtoolsSource;
  now: number;
  emulatorUrl: string | undefined;
  announce(message: string): void;
  copy(text: string, what: string): void;
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ErrorView({ error }: { error: Error }) {
  const fieldErrors = error instanceof ValidationError ? error.fieldErrors : [];
  return (
    <>
      <p className="fkd-error">
        {error.name}: {error.message}
      </p>
      {fieldErrors.length > 0 ? (
        <ul className="fkd-field-errors" aria-label="Field errors">
          {fieldErrors.map((fieldError) => (
            <li key={`${fieldError.loc.join('.')}:${fieldError.msg}`}>
              <code>{fieldError.loc.join('.')}</code>: {fieldError.msg}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function RequestDetail({ entry, source, now, emulatorUrl, announce, copy }: RequestDetailProps) {
  const [busy, setBusy] = useState(false);
  const isRequest = entry.kind === 'queue' || entry.kind === 'run';
  const canCancel = isRequest && isPendingStatus(entry.status as ObserverStatus);
  const times = entryTimes(entry, now);
  const act = async (what: string, action: () => Promise<void> | void) => {
    setBusy(true);
    try {
      await action();
      announce(`${what}: done`);
    } catch (error) {
      announce(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="fkd-detail" aria-label="Request details">
      <h2>{entry.endpointId ?? entry.kind}</h2>
      <dl className="fkd-facts">
        <Fact term="Status">
          <StatusBadge status={entry.status} />
        </Fact>
        <Fact term="Kind">{entry.kind}</Fact>
        <Fact term="Request id">{entry.requestId ?? '–'}</Fact>
        <Fact term="Queued">{formatDuration(times.queued)}</Fact>
        <Fact term="Running">{formatDuration(times.running)}</Fact>
        <Fact term="Total">{formatDuration(times.total)}</Fact>
        {entry.queueHistory.length > 0 ? (
          <Fact term="Queue positions">
            <QueueChart points={entry.queueHistory} width={120} height={24} />{' '}
            {entry.queueHistory.map((point) => point.position).join(' → ')}
          </Fact>
        ) : null}
        {isRequest ? (
          <>
            <Fact term="Retries">{entry.attempts}</Fact>
            <Fact term="Last retry reason">{entry.lastRetryReason ?? '–'}</Fact>
            <Fact term="Observers">{entry.observers ?? '–'}</Fact>
            <Fact term="gcTime left">
              {entry.gcExpiresAt === undefined
                ? 'kept while observed or running'
                : Number.isFinite(entry.gcExpiresAt)
                  ? formatDuration(entry.gcExpiresAt - now)
                  : 'kept until removed'}
            </Fact>
          </>
        ) : null}
        {entry.stream ? <Fact term="Events">{entry.stream.eventCount}</Fact> : null}
        {entry.upload ? (
          <>
            <Fact term="Bytes">
              {formatBytes(entry.upload.loaded)} of {formatBytes(entry.upload.total)}
            </Fact>
            <Fact term="Files">{entry.upload.files}</Fact>
            <Fact term="Throughput">
              {entry.upload.bytesPerSecond === undefined
                ? '–'
                : `${formatBytes(entry.upload.bytesPerSecond)}/s`}
            </Fact>
          </>
        ) : null}
        {entry.realtime ? (
          <>
            <Fact term="Connection">{entry.status}</Fact>
            <Fact term="Messages">{entry.realtime.resultCount}</Fact>
            <Fact term="Message rate">{formatRate(entry.realtime.messagesPerSecond, 'msg')}</Fact>
          </>
        ) : null}
      </dl>

      {isRequest ? (
        <div className="fkd-actions">
          <button
            type="button"
            disabled={!canCancel || busy}
            onClick={() => act('Cancel', () => source.cancel(entry.key))}
          >
            Cancel
          </button>
          <button
            type="button"
            // An unfinished request would be shared, not submitted again.
            disabled={canCancel || busy}
            onClick={() => act('Re-submit', () => source.resubmit(entry.key))}
          >
            Re-submit
          </button>
          <button type="button" disabled={busy} onClick={() => act('Remove', () => source.remove(entry.key))}>
            Remove from cache
          </button>
          <button type="button" onClick={() => copy(toCurl(entry, emulatorUrl), 'curl command')}>
            Copy as curl
          </button>
          <button type="button" onClick={() => copy(toCode(entry), 'code')}>
            Copy as code
          </button>
        </div>
      ) : null}

      {entry.error ? (
        <>
          <h3>Error</h3>
          <ErrorView error={entry.error} />
        </>
      ) : null}
      {entry.input !== undefined ? (
        <>
          <h3>Input</h3>
          <JsonTree key={`${entry.key}:input`} value={entry.input} label="Input" />
        </>
      ) : null}
      {entry.output !== undefined ? (
        <>
          <h3>Output</h3>
          <JsonTree key={`${entry.key}:output`} value={entry.output} label="Output" />
        </>
      ) : null}
      {entry.stream && entry.stream.lastEvents.length > 0 ? (
        <>
          <h3>Last events</h3>
          <JsonTree key={`${entry.key}:events`} value={entry.stream.lastEvents} label="Last events" />
        </>
      ) : null}
      {isRequest ? (
        <>
          <h3>Logs</h3>
          <LogList key={entry.key} logs={entry.logs} />
        </>
      ) : null}
    </section>
  );
}
