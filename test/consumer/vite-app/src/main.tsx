import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Smoke } from './Smoke';

const emulatorUrl = new URLSearchParams(window.location.search).get('emulator') ?? 'http://127.0.0.1:8787';
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
createRoot(root).render(
  <StrictMode>
    <Smoke emulatorUrl={emulatorUrl} />
  </StrictMode>,
);
