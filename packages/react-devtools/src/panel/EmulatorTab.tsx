/** The emulator's jobs, request log and faults, refreshed while the tab is shown; faults can be added and removed. */
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import {
  type EmulatorFault,
  type EmulatorJob,
  type EmulatorRequestLogEntry,
  emulatorApi,
} from './emulatorApi';

const REFRESH_MS = 1000;

/** A fault's uses left; the emulator reports a lasting fault (`times: -1`) as -1 (or none). */
function usesLeft(remaining: number | null | undefined): string {
  return remaining === undefined || remaining === null || remaining < 0 || !Number.isFinite(remaining)
    ? '∞'
    : String(remaining);
}
/** The newest request-log entries shown. */
const LOG_ROWS = 100;

interface EmulatorView {
  jobs: EmulatorJob[];
  requests: EmulatorRequestLogEntry[];
  faults: EmulatorFault[];
}

export function EmulatorTab({ origin, announce }: { origin: string; announce(message: string): void }) {
  const api = useMemo(() => emulatorApi(origin), [origin]);
  const [view, setView] = useState<EmulatorView>();
  const [problem, setProblem] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const [jobs, requests, faults] = await Promise.all([api.jobs(), api.requests(), api.faults()]);
      setView({ jobs, requests, faults });
      setProblem(undefined);
    } catch (error) {
      setProblem(
        `Emulator not reachable at ${origin}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }, [api, origin]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const [type, setType] = useState<EmulatorFault['type']>('status');
  const [status, setStatus] = useState('503');
  const [host, setHost] = useState('');
  const [path, setPath] = useState('');
  const [times, setTimes] = useState('1');

  const addFault = async (event: FormEvent) => {
    event.preventDefault();
    const fault: EmulatorFault = { type, times: Number(times) };
    if (host) fault.host = host;
    if (path) fault.path = path;
    if (type === 'status' || type === 'ingress') fault.status = Number(status);
    if (type === 'status' && Number(status) === 429) fault.retryAfter = 0;
    if (type === 'delay') fault.ms = 1000;
    if (type === 'truncate' || type === 'corrupt') fault.afterEvents = 1;
    try {
      await api.addFault(fault);
      announce(`Fault added: ${type}${fault.status ? ` ${fault.status}` : ''}`);
    } catch (error) {
      announce(`Adding the fault failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await refresh();
  };

  const removeFault = async (id: string) => {
    try {
      await api.removeFault(id);
      announce(`Fault ${id} removed`);
    } catch (error) {
      announce(`Removing the fault failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await refresh();
  };

  return (
    <div className="fkd-emulator">
      {problem ? <p className="fkd-error">{problem}</p> : null}
      <section aria-labelledby="fkd-faults-title">
        <h2 id="fkd-faults-title">Faults</h2>
        <form className="fkd-fault-form" onSubmit={addFault} aria-label="Add a fault">
          <label>
            Type
            <select value={type} onChange={(event) => setType(event.target.value as EmulatorFault['type'])}>
              <option value="status">status</option>
              <option value="ingress">ingress</option>
              <option value="delay">delay</option>
              <option value="drop">drop</option>
              <option value="truncate">truncate</option>
              <option value="corrupt">corrupt</option>
            </select>
          </label>
          {type === 'status' || type === 'ingress' ? (
            <label>
              HTTP status
              <input
                type="number"
                min={200}
                max={599}
                value={status}
                onChange={(event) => setStatus(event.target.value)}
                size={4}
              />
            </label>
          ) : null}
          <label>
            Host
            <input
              value={host}
              placeholder="any"
              onChange={(event) => setHost(event.target.value)}
              size={12}
            />
          </label>
          <label>
            Path
            <input
              value={path}
              placeholder="any"
              onChange={(event) => setPath(event.target.value)}
              size={16}
            />
          </label>
          <label>
            Times
            <input
              type="number"
              min={-1}
              value={times}
              onChange={(event) => setTimes(event.target.value)}
              size={3}
            />
          </label>
          <button type="submit">Add fault</button>
        </form>
        {view && view.faults.length > 0 ? (
          <table className="fkd-table" aria-labelledby="fkd-faults-title">
            <thead>
              <tr>
                <th scope="col">id</th>
                <th scope="col">fault</th>
                <th scope="col">match</th>
                <th scope="col">left</th>
                <th scope="col">
                  <span className="fkd-sr">actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.faults.map((fault) => (
                <tr key={fault.id}>
                  <td>{fault.id}</td>
                  <td>
                    {fault.type}
                    {fault.status ? ` ${fault.status}` : ''}
                  </td>
                  <td>{[fault.method, fault.host, fault.path].filter(Boolean).join(' ') || 'any'}</td>
                  <td>{usesLeft(fault.remaining)}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => removeFault(fault.id!)}
                      aria-label={`Remove fault ${fault.id}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="fkd-note">No faults.</p>
        )}
      </section>
      <section aria-labelledby="fkd-jobs-title">
        <h2 id="fkd-jobs-title">Jobs</h2>
        {view && view.jobs.length > 0 ? (
          <table className="fkd-table" aria-labelledby="fkd-jobs-title">
            <thead>
              <tr>
                <th scope="col">request id</th>
                <th scope="col">endpoint</th>
                <th scope="col">mode</th>
                <th scope="col">status</th>
                <th scope="col">position</th>
                <th scope="col">logs</th>
              </tr>
            </thead>
            <tbody>
              {[...view.jobs].reverse().map((job) => (
                <tr key={job.requestId}>
                  <td>{job.requestId.slice(0, 8)}</td>
                  <td>{job.endpointId}</td>
                  <td>{job.mode}</td>
                  <td>
                    {job.status}
                    {job.resultStatus ? ` (${job.resultStatus})` : ''}
                  </td>
                  <td>{job.queuePosition ?? '–'}</td>
                  <td>{job.logCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="fkd-note">No jobs.</p>
        )}
      </section>
      <section aria-labelledby="fkd-requests-title">
        <h2 id="fkd-requests-title">Request log</h2>
        {view && view.requests.length > 0 ? (
          <table className="fkd-table" aria-labelledby="fkd-requests-title">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">method</th>
                <th scope="col">url</th>
                <th scope="col">status</th>
                <th scope="col">ms</th>
                <th scope="col">fault</th>
              </tr>
            </thead>
            <tbody>
              {view.requests
                .slice(-LOG_ROWS)
                .reverse()
                .map((request) => (
                  <tr key={request.id}>
                    <td>{request.id}</td>
                    <td>{request.method}</td>
                    <td>
                      {request.host}
                      {request.path}
                    </td>
                    <td>{request.status}</td>
                    <td>{request.durationMs}</td>
                    <td>{request.fault ?? ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : (
          <p className="fkd-note">No requests yet.</p>
        )}
      </section>
    </div>
  );
}
