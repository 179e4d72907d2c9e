/**
 * A `DevtoolsSource` over a fixed list of entries (not exported from the package): the stories show
 * every panel state with it, and the bench fills the panel with 500 requests without a server.
 * Actions change the list as the store would (cancel → `cancelled`, remove → gone).
 */
import type { DevtoolsEntry, DevtoolsSource } from './devtoolsEntry';

export function createStaticSource(initial: readonly DevtoolsEntry[]): DevtoolsSource & {
  /** Actions received, in order (stories assert on them). */
  readonly actions: Array<{ action: 'cancel' | 'remove' | 'resubmit'; key: string }>;
} {
  let entries = initial;
  const listeners = new Set<() => void>();
  const actions: Array<{ action: 'cancel' | 'remove' | 'resubmit'; key: string }> = [];
  const set = (next: readonly DevtoolsEntry[]) => {
    entries = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    actions,
    getEntries: () => entries,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => {
        listeners.delete(onChange);
      };
    },
    async cancel(key) {
      actions.push({ action: 'cancel', key });
      const at = Date.now();
      set(
        entries.map((entry) =>
          entry.key === key ? { ...entry, status: 'cancelled', completedAt: at } : entry,
        ),
      );
    },
    remove(key) {
      actions.push({ action: 'remove', key });
      set(entries.filter((entry) => entry.key !== key));
    },
    async resubmit(key) {
      actions.push({ action: 'resubmit', key });
    },
  };
}
