import { FalProvider } from '@falkit/react';
import { FalDevtools } from '@falkit/react-devtools';
import { currentBackend, describeBackend, storyClient } from '../backend';
import { StreamPanel } from './StreamPanel';
import { TextToImagePanel } from './TextToImagePanel';
import { UploadTranscribePanel } from './UploadTranscribePanel';
import './playground.css';

/** The page `pnpm demo` opens: every hook and component against the emulator (or fal via the proxy). */
export function Playground() {
  const backend = currentBackend();
  return (
    <FalProvider client={storyClient()}>
      <main className="playground">
        <header className="playground-header">
          <h1>falkit playground</h1>
          <p className="backend" data-backend={backend.kind} data-testid="backend">
            Backend: {describeBackend(backend)}
          </p>
        </header>
        <div className="playground-grid">
          {/* A reload re-attaches to the running job instead of losing it (or submitting again). */}
          <TextToImagePanel
            options={{ persist: 'falkit-playground-image', cancelOnUnmount: false }}
            // Filling the queue with dummy jobs is free on the emulator, but would spend real credits on fal.
            busyQueueControl={backend.kind === 'emulator'}
          />
          <div className="playground-column">
            <StreamPanel />
            <UploadTranscribePanel />
          </div>
        </div>
      </main>
      {/* Every job, upload and stream of the page, and the emulator's faults (renders nothing in production). */}
      <FalDevtools emulatorUrl={backend.kind === 'emulator' ? backend.url : undefined} />
    </FalProvider>
  );
}
