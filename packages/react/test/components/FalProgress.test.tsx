import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FalProgress } from '../../src/components/FalProgress';

afterEach(cleanup);

describe('FalProgress', () => {
  it('is a determinate progressbar for an upload fraction', () => {
    render(<FalProgress value={0.42} status="uploading" label="Upload progress" />);
    const bar = screen.getByRole('progressbar', { name: 'Upload progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-busy', 'true');
    expect(bar).toHaveAttribute('data-mode', 'determinate');
    expect(bar.style.getPropertyValue('--falkit-progress')).toBe('42%');
    expect(bar).toHaveTextContent('42%');
  });

  it('shows the place in line while queued, with no aria-valuenow', () => {
    render(<FalProgress status="in_queue" queuePosition={2} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('aria-valuetext', 'Position 3 in queue');
    expect(bar).toHaveAttribute('data-state', 'in_queue');
    expect(bar).toHaveAttribute('data-mode', 'indeterminate');
    expect(bar).toHaveTextContent('Position 3 in queue');
  });

  it('is indeterminate while running without progress logs', () => {
    render(<FalProgress status="in_progress" logs={[{ message: 'loading model' }]} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).toHaveAttribute('aria-busy', 'true');
    expect(bar).toHaveTextContent('Running');
  });

  it('derives progress from tqdm-style and step logs', () => {
    const { rerender } = render(
      <FalProgress status="in_progress" logs={[{ message: ' 45%|████▌     | 9/20 [00:01<00:01]' }]} />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '45');
    rerender(<FalProgress status="in_progress" logs={[{ message: 'Step 3/4' }]} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75');
  });

  it('reaches 100 and stops being busy on success', () => {
    render(<FalProgress status="success" />);
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '100');
    expect(bar).toHaveAttribute('aria-busy', 'false');
  });

  it('clamps out-of-range values and honours null as indeterminate', () => {
    const { rerender } = render(<FalProgress value={1.7} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    rerender(<FalProgress value={null} status="uploading" />);
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
  });

  it('applies className, per-element classNames and appearance, and data-falkit-element', () => {
    render(
      <FalProgress
        value={0.5}
        className="mine"
        classNames={{ indicator: 'bar' }}
        appearance={{ track: { height: 3 } }}
        renderLabel={false}
      />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveClass('falkit-progress', 'mine');
    expect(bar).toHaveAttribute('data-falkit-element', 'progress');
    const indicator = bar.querySelector('[data-falkit-element="progress-indicator"]');
    expect(indicator).toHaveClass('bar');
    const track = bar.querySelector<HTMLElement>('[data-falkit-element="progress-track"]');
    expect(track?.style.height).toBe('3px');
    expect(bar.querySelector('[data-falkit-element="progress-label"]')).toBeNull();
  });
});
