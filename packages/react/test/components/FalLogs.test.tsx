import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FalLogs } from '../../src/components/FalLogs';

afterEach(cleanup);

const lines = (count: number, level = 'INFO') =>
  Array.from({ length: count }, (_, index) => ({
    message: `line ${index}`,
    level,
    timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, index % 60)).toISOString(),
  }));

// jsdom has no layout: give the viewport a fixed size so scroll maths behaves like a browser.
function sizeViewport(viewport: HTMLElement, scrollHeight: number, clientHeight: number) {
  Object.defineProperty(viewport, 'scrollHeight', { configurable: true, get: () => scrollHeight });
  Object.defineProperty(viewport, 'clientHeight', { configurable: true, get: () => clientHeight });
}

describe('FalLogs', () => {
  it('is a labelled, focusable log region with levels', () => {
    render(<FalLogs logs={[{ message: 'hello', level: 'ERROR', timestamp: '2026-01-01T12:00:01Z' }]} />);
    const log = screen.getByRole('log', { name: 'Logs' });
    expect(log).toHaveAttribute('tabindex', '0');
    const line = log.querySelector('[data-falkit-element="logs-line"]');
    expect(line).toHaveAttribute('data-level', 'error');
    expect(line).toHaveTextContent('12:00:01ERRORhello');
  });

  it('keeps only the newest maxLines lines in the DOM', () => {
    render(<FalLogs logs={lines(1000)} maxLines={50} />);
    const rendered = screen.getByRole('log').querySelectorAll('li');
    expect(rendered).toHaveLength(50);
    expect(rendered[0]).toHaveTextContent('line 950');
    expect(rendered[49]).toHaveTextContent('line 999');
  });

  it('filters by level', () => {
    render(<FalLogs logs={[...lines(3, 'INFO'), { message: 'boom', level: 'ERROR' }]} levels={['error']} />);
    const rendered = screen.getByRole('log').querySelectorAll('li');
    expect(rendered).toHaveLength(1);
    expect(rendered[0]).toHaveTextContent('boom');
  });

  it('follows new lines, stops when the user scrolls up, and resumes on "Jump to latest"', () => {
    const { rerender } = render(<FalLogs logs={lines(10)} />);
    const viewport = screen.getByRole('log');
    sizeViewport(viewport, 1000, 100);
    rerender(<FalLogs logs={lines(11)} />);
    expect(viewport.scrollTop).toBe(1000);

    viewport.scrollTop = 200;
    fireEvent.scroll(viewport);
    expect(viewport.closest('[data-falkit-element="logs"]')).toHaveAttribute('data-state', 'paused');
    rerender(<FalLogs logs={lines(12)} />);
    expect(viewport.scrollTop).toBe(200);

    fireEvent.click(screen.getByRole('button', { name: 'Jump to latest' }));
    expect(viewport.scrollTop).toBe(1000);
    rerender(<FalLogs logs={lines(13)} />);
    expect(viewport.closest('[data-falkit-element="logs"]')).toHaveAttribute('data-state', 'following');
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  });

  it('shows empty text without logs', () => {
    render(<FalLogs logs={null} emptyText="Nothing yet" />);
    expect(screen.getByRole('log')).toHaveTextContent('Nothing yet');
  });
});
