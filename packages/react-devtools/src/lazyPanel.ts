/**
 * The drawer, loaded on first open (its own chunk). For the explicit `/production` entry, stories and
 * benches; the default entry holds its own `import()` of the panel, inside its development branch
 * (see index.ts for why).
 */
import { lazy } from 'react';

export const LazyDevtoolsPanel = lazy(() => import('./panel/DevtoolsPanel'));
