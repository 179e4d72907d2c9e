/** `<FalDevtools />`: the devtools for the `FalStore` of the nearest `<FalProvider>` (or `store`). */
import { type ReactNode, useEffect, useState } from 'react';
import type { DevtoolsSource } from './devtoolsEntry';
import { type DevtoolsPanelComponent, DevtoolsShell, type DevtoolsShellProps } from './FalDevtoolsShell';
import { createStoreSource, type DevtoolsStore, useDevtoolsStore } from './storeAdapter';

export interface FalDevtoolsProps extends Omit<DevtoolsShellProps, 'source' | 'Panel'> {
  /** The store to show; default: the one `<FalProvider>` provides. */
  store?: DevtoolsStore;
}

/**
 * `FalDevtools` opening `Panel` (the lazily loaded drawer). Each entry makes its own, so that the
 * default entry's `import()` of the panel sits in its development branch (see index.ts).
 */
export function createFalDevtools(Panel: DevtoolsPanelComponent): (props: FalDevtoolsProps) => ReactNode {
  return function FalDevtools({ store, ...props }: FalDevtoolsProps) {
    const target = useDevtoolsStore(store);
    const [source, setSource] = useState<DevtoolsSource>();
    useEffect(() => {
      const created = createStoreSource(target);
      setSource(created);
      return () => created.dispose();
    }, [target]);
    return source ? <DevtoolsShell source={source} Panel={Panel} {...props} /> : null;
  };
}
