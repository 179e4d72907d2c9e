'use client';
import { FalProvider } from '@falkit/react';
import { FalDevtools } from '@falkit/react-devtools';
import type { ReactNode } from 'react';

/** Every hook below talks to /api/fal/proxy; the browser never holds a fal key. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <FalProvider config={{ proxyUrl: '/api/fal/proxy' }}>
      {children}
      {/* Renders nothing (and adds ~0 bytes) in a production build. */}
      <FalDevtools />
    </FalProvider>
  );
}
