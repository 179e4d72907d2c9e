/** The devtools over static entries (no store, no server): every panel state, for stories and tests. */
import { useState } from 'react';
import type { DevtoolsEntry } from '../../../packages/react-devtools/src/devtoolsEntry';
import { DevtoolsShell } from '../../../packages/react-devtools/src/FalDevtoolsShell';
import { LazyDevtoolsPanel } from '../../../packages/react-devtools/src/lazyPanel';
import { createStaticSource } from '../../../packages/react-devtools/src/staticSource';

export interface StaticDevtoolsProps {
  entries: readonly DevtoolsEntry[];
  initialIsOpen?: boolean;
  emulatorUrl?: string;
}

export function StaticDevtools({ entries, initialIsOpen = true, emulatorUrl }: StaticDevtoolsProps) {
  const [source] = useState(() => createStaticSource(entries));
  return (
    <div style={{ minHeight: 560 }}>
      <p>An app page. The devtools float above it.</p>
      <DevtoolsShell
        source={source}
        Panel={LazyDevtoolsPanel}
        initialIsOpen={initialIsOpen}
        emulatorUrl={emulatorUrl}
      />
    </div>
  );
}
