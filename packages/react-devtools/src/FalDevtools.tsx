/** `<FalDevtools />`: the devtools for the `FalStore` of the nearest `<FalProvider>` (or `store`). */
import { useEffect, useState } from 'react';
import type { DevtoolsSource } from './devtoolsEntry';
import { DevtoolsShell, type DevtoolsShellProps } from './FalDevtoolsShell';
import { createStoreSource, type DevtoolsStore, useDevtoolsStore } from './storeAdapter';

export interface FalDevtoolsProps extends Omit<DevtoolsShellProps, 'source'> {
  /** The store to show; default: the one `<FalProvider>` provides. */
  store?: DevtoolsStore;
}

export function FalDevtools({ store, ...props }: FalDevtoolsProps) {
  const target = useDevtoolsStore(store);
  const [source, setSource] = useState<DevtoolsSource>();
  useEffect(() => {
    const created = createStoreSource(target);
    setSource(created);
    return () => created.dispose();
  }, [target]);
  return source ? <DevtoolsShell source={source} {...props} /> : null;
}
