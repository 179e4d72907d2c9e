import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FalQueueStatus } from '../../src/components/FalQueueStatus';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function liveRegion() {
  const region = document.querySelector('[aria-live="polite"]');
  if (!region) throw new Error('no live region');
  return region;
}

describe('FalQueueStatus', () => {
  it('announces the place in line, then Running, then Done in a polite live region', () => {
    const { rerender } = render(<FalQueueStatus status="in_queue" queuePosition={4} />);
    expect(liveRegion()).toHaveTextContent('Position 5 in queue');
    rerender(<FalQueueStatus status="in_queue" queuePosition={0} />);
    expect(liveRegion()).toHaveTextContent('Position 1 in queue');
    rerender(<FalQueueStatus status="in_progress" />);
    expect(liveRegion()).toHaveTextContent('Running');
    rerender(<FalQueueStatus status="success" />);
    expect(liveRegion()).toHaveTextContent('Done');
    expect(screen.getByText('Done').closest('[data-falkit-element="queue-status"]')).toHaveAttribute(
      'data-state',
      'success',
    );
  });

  it('counts elapsed time while active and freezes it when done', () => {
    const { rerender } = render(<FalQueueStatus status="in_queue" queuePosition={1} />);
    act(() => vi.advanceTimersByTime(65_000));
    expect(screen.getByTitle('Elapsed time')).toHaveTextContent('1:05');
    rerender(<FalQueueStatus status="success" />);
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByTitle('Elapsed time')).toHaveTextContent('1:05');
    expect(screen.getByTitle('Elapsed time')).toHaveAttribute('datetime', 'PT65S');
  });

  it('offers a keyboard-operable cancel button only while active', () => {
    const onCancel = vi.fn();
    const { rerender } = render(<FalQueueStatus status="in_progress" onCancel={onCancel} />);
    const button = screen.getByRole('button', { name: 'Cancel' });
    button.focus();
    expect(button).toHaveFocus();
    fireEvent.click(button);
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(<FalQueueStatus status="cancelled" onCancel={onCancel} />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(liveRegion()).toHaveTextContent('Cancelled');
  });

  it('shows the error message and custom content', () => {
    const { rerender } = render(
      <FalQueueStatus status="error" error={new Error('Validation failed: prompt')} />,
    );
    expect(liveRegion()).toHaveTextContent('Failed: Validation failed: prompt');
    rerender(
      <FalQueueStatus
        status="in_queue"
        queuePosition={2}
        content={{ in_queue: ({ queuePosition }) => `${queuePosition} ahead of you` }}
      />,
    );
    expect(liveRegion()).toHaveTextContent('2 ahead of you');
  });
});
