import { isPendingStatus, type ObserverStatus } from '@falkit/core/observers';
import type { DevtoolsEntry } from '../devtoolsEntry';

/** The hooks' status word, coloured by how it ended (realtime states are shown as they are). */
export function statusTone(status: DevtoolsEntry['status']): 'pending' | 'success' | 'error' | 'idle' {
  if (status === 'success' || status === 'open') return 'success';
  if (status === 'error') return 'error';
  if (status === 'connecting' || isPendingStatus(status as ObserverStatus)) return 'pending';
  return 'idle';
}

export function StatusBadge({ status }: { status: DevtoolsEntry['status'] }) {
  return (
    <span className="fkd-status" data-tone={statusTone(status)} data-status={status}>
      {status}
    </span>
  );
}
