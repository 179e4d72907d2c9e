// The standalone playground `pnpm demo` serves: the Storybook "Playground" story's component on its
// own Vite page, so it paints without waiting for Storybook's cold compile.
import '@falkit/react/styles.css';
import '../../../.storybook/preview.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Playground } from '../Playground';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
