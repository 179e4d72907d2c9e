/** `<FalDevtools />`: the devtools for the `FalStore` of the nearest `<FalProvider>` (or `store`). */
import { type ComponentType, lazy, type ReactNode, useEffect, useState } from 'react';
import type { DevtoolsSource } from './devtoolsEntry';
import { DevtoolsShell, type DevtoolsShellProps } from './FalDevtoolsShell';
import type { DevtoolsPanelProps } from './panel/DevtoolsPanel';
import { createStoreSource, type DevtoolsStore, useDevtoolsStore } from './storeAdapter';

export interface FalDevtoolsProps extends Omit<DevtoolsShellProps, 'source' | 'Panel'> {
  /** The store to show; default: the one `<FalProvider>` provides. */
  store?: DevtoolsStore;
}

/** Loads the drawer's module: `() => import('./panel/DevtoolsPanel')`. */
export type LoadDevtoolsPanel = () => Promise<{ default: ComponentType<DevtoolsPanelProps> }>;

/**
 * `FalDevtools` whose drawer `loadPanel` loads on the first open. Each entry passes its own, so that
 * the default entry's `import()` of the panel sits in its development branch (see index.ts).
 */
export function createFalDevtools(loadPanel: LoadDevtoolsPanel): (props: FalDevtoolsProps) => ReactNode {
  const Panel = lazy(loadPanel);
  // biome-ignore lint/correctness/noComponentHookFactories: made once per entry when its module loads, never during a render (the rule's case: a new component type each render)
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
