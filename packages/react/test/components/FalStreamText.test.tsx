import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FalStreamText } from '../../src/components/FalStreamText';

afterEach(cleanup);

describe('FalStreamText', () => {
  it('is busy with a caret while streaming, then announces the full text', () => {
    const { rerender } = render(<FalStreamText text="Hello" status="streaming" />);
    const region = screen.getByRole('region', { name: 'Streamed text' });
    const content = region.querySelector('[aria-live="polite"]');
    expect(content).toHaveAttribute('aria-busy', 'true');
    expect(region.querySelector('[data-falkit-element="stream-text-caret"]')).not.toBeNull();
    rerender(<FalStreamText text="Hello world" status="success" />);
    expect(content).toHaveAttribute('aria-busy', 'false');
    expect(content).toHaveTextContent('Hello world');
    expect(region.querySelector('[data-falkit-element="stream-text-caret"]')).toBeNull();
    expect(region).toHaveAttribute('data-state', 'success');
  });

  it('keeps partial text when stopped and shows errors', () => {
    const { rerender } = render(<FalStreamText text="Partial" status="cancelled" />);
    expect(screen.getByRole('region')).toHaveTextContent('Partial');
    rerender(<FalStreamText text="Partial" status="error" error={new Error('stream dropped')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('stream dropped');
  });
});
