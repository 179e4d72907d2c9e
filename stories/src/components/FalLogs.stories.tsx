import { FalLogs } from '@falkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';

const levels = ['INFO', 'STDOUT', 'STDERR', 'WARN', 'ERROR', 'DEBUG'];
const makeLogs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    message: index % 7 === 0 ? `Step ${index % 20}/20` : `Log line ${index}`,
    level: levels[index % levels.length],
    timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, index * 250)).toISOString(),
  }));

const meta = {
  title: 'Components/FalLogs',
  component: FalLogs,
  decorators: [(Story) => <div style={{ maxWidth: 560 }}>{Story()}</div>],
} satisfies Meta<typeof FalLogs>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { logs: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('log', { name: 'Logs' })).toHaveTextContent('No logs yet');
  },
};

export const Levels: Story = {
  args: { logs: makeLogs(12) },
  play: async ({ canvasElement }) => {
    const lines = within(canvasElement).getByRole('log', { name: 'Logs' }).querySelectorAll('li');
    await expect(lines).toHaveLength(12);
    await expect(lines[4]).toHaveAttribute('data-level', 'error');
    await expect(lines[4]).toHaveTextContent('ERROR');
    await expect(lines[0]).toHaveTextContent('12:00:00');
  },
};

export const Capped: Story = {
  args: { logs: makeLogs(5000), maxLines: 200 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('log').querySelectorAll('li')).toHaveLength(200);
  },
};

function Streaming() {
  const [logs, setLogs] = useState(makeLogs(20));
  useEffect(() => {
    const timer = setInterval(
      () => setLogs((current) => [...current, ...makeLogs(current.length + 1).slice(-1)]),
      100,
    );
    return () => clearInterval(timer);
  }, []);
  return <FalLogs logs={logs} />;
}

export const AutoScroll: Story = {
  args: { logs: [] },
  render: () => <Streaming />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const viewport = canvas.getByRole('log');
    await waitFor(() => expect(viewport.scrollTop).toBeGreaterThan(0));
    viewport.scrollTop = 0;
    viewport.dispatchEvent(new Event('scroll'));
    const jump = await canvas.findByRole('button', { name: 'Jump to latest' });
    const before = viewport.scrollTop;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(viewport.scrollTop).toBe(before);
    await userEvent.click(jump);
    await waitFor(() =>
      expect(viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight).toBeLessThanOrEqual(4),
    );
  },
};
