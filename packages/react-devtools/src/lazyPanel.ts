/**
 * The drawer's module, loaded on first open (its own chunk). Used by the explicit `/production`
 * entry, stories and benches; the default entry writes its own `import()` of the panel inside its
 * development branch (see index.ts for why).
 */
import { lazy } from 'react';

export const loadDevtoolsPanel = () => import('./panel/DevtoolsPanel');

/** The drawer as a lazy component, for a `DevtoolsShell` rendered directly (stories, benches). */
export const LazyDevtoolsPanel = /* @__PURE__ */ lazy(loadDevtoolsPanel);
