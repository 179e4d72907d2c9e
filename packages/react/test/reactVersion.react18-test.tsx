// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import { render } from '@testing-library/react';
import { useId, version } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// Guards the react18 project's aliasing: if it silently ran React 19, the "React 18" run would prove nothing.
describe('react18 project runtime', () => {
  it('imports React 18.3 everywhere: tests, Testing Library and the server renderer', () => {
    expect(version).toMatch(/^18\.3\./);
    expect(reactDomVersion).toMatch(/^18\.3\./);
    function Id() {
      return <span>{useId()}</span>;
    }
    // React 18 formats ids as `:r0:`; a hook from one copy rendered by another copy would throw.
    expect(render(<Id />).container.textContent).toMatch(/^:r\w+:$/);
    expect(renderToString(<Id />)).toMatch(/:R\w*:/);
  });
});
