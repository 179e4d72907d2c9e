import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { devtoolsIn, expectNoAxeViolations, openPanel } from './devtoolsTesting';
import { largePayloadEntry, longLogEntry, mixedEntries } from './fixtures';
import { StaticDevtools } from './StaticDevtools';

const meta = {
  title: 'Devtools/Panel',
  component: StaticDevtools,
  parameters: { layout: 'fullscreen' },
  args: { entries: mixedEntries, initialIsOpen: true },
} satisfies Meta<typeof StaticDevtools>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsIn = (root: ShadowRoot) => root.querySelectorAll('.fkd-row').length;

/** Clicks the row whose status is `status`, or whose endpoint matches `endpoint`. */
async function selectRow(canvasElement: HTMLElement, which: { status?: string; endpoint?: string }) {
  const { root, panel } = await openPanel(canvasElement);
  const rows = [...root.querySelectorAll<HTMLButtonElement>('.fkd-row-main')];
  const row = rows.find(
    (candidate) =>
      (!which.status || candidate.querySelector(`[data-status="${which.status}"]`)) &&
      (!which.endpoint || candidate.querySelector('.fkd-endpoint')?.textContent?.includes(which.endpoint)),
  );
  if (!row) throw new Error(`no row for ${JSON.stringify(which)}`);
  await userEvent.click(row);
  return { panel, detail: within(await panel.findByRole('region', { name: 'Request details' })) };
}

export const Closed: Story = {
  args: { initialIsOpen: false },
  play: async ({ canvasElement }) => {
    const { screen } = await devtoolsIn(canvasElement);
    const toggle = screen.getByRole('button', { name: 'fal devtools' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(screen.queryByRole('region', { name: 'falkit devtools' })).toBeNull();
    // Open by keyboard, close with Escape: focus returns to the button.
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    const panel = await screen.findByRole('region', { name: 'falkit devtools' }, { timeout: 10_000 });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    within(panel).getByRole('searchbox', { name: 'Search endpoint or request id' }).focus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'falkit devtools' })).toBeNull());
    const { root } = await devtoolsIn(canvasElement);
    await expect(root.activeElement).toBe(toggle);
    await expectNoAxeViolations(canvasElement);
  },
};

export const Empty: Story = {
  args: { entries: [] },
  play: async ({ canvasElement }) => {
    const { panel } = await openPanel(canvasElement);
    await expect(panel.getByText('No requests match.')).toBeVisible();
    await expectNoAxeViolations(canvasElement);
  },
};

export const EveryStatus: Story = {
  name: 'Every status and kind, filtered',
  play: async ({ canvasElement }) => {
    const { root, panel } = await openPanel(canvasElement);
    await waitFor(() => expect(rowsIn(root)).toBe(mixedEntries.length));
    await expectNoAxeViolations(canvasElement);
    // Search by endpoint.
    const search = panel.getByRole('searchbox', { name: 'Search endpoint or request id' });
    // user-event types into document.activeElement, which is the shadow host here: set the value instead.
    fireEvent.input(search, { target: { value: 'whisper' } });
    await waitFor(() => expect(rowsIn(root)).toBe(1));
    await expect(panel.getByText('1 of 9')).toBeVisible();
    fireEvent.input(search, { target: { value: '' } });
    // Filter by status: the choices are the statuses listed.
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Status' }), 'error');
    await waitFor(() => expect(rowsIn(root)).toBe(1));
    await expect(root.querySelector('.fkd-row [data-status]')).toHaveAttribute('data-status', 'error');
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Status' }), '');
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Kind' }), 'upload');
    await waitFor(() => expect(rowsIn(root)).toBe(1));
  },
};

export const QueuedWithHistory: Story = {
  name: 'Queued request: queue-position history',
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { status: 'in_queue' });
    await expect(detail.getByText('5 → 4 → 2 → 1')).toBeVisible();
    await expect(detail.getByRole('img', { name: 'Queue positions: 5, 4, 2, 1' })).toBeInTheDocument();
    await expect(detail.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    await expectNoAxeViolations(canvasElement);
  },
};

export const RunningWithRetries: Story = {
  name: 'Running request: retries, logs, cancel',
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { endpoint: 'fal-ai/fast-sdxl' });
    await expect(detail.getByText('HTTP 429: queue is full')).toBeVisible();
    await expect(detail.getByText('40 lines')).toBeVisible();
    await expectNoAxeViolations(canvasElement);
    await userEvent.click(detail.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(detail.getByRole('button', { name: 'Cancel' })).toBeDisabled());
    await expect(detail.getAllByText('cancelled')[0]).toBeVisible();
  },
};

export const SuccessWithImage: Story = {
  name: 'Finished request: output tree with image preview, gcTime',
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { status: 'success' });
    const output = within(detail.getByRole('region', { name: 'Output' }));
    await userEvent.click(output.getByRole('button', { name: 'Expand 0' }));
    const image = await output.findByRole('img', { name: 'Preview of url' });
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBe(8));
    await expect(detail.getByText(/^[34] min/)).toBeVisible();
    await expect(detail.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await expectNoAxeViolations(canvasElement);
  },
};

export const ValidationFailure: Story = {
  name: 'Failed request: ValidationError field errors',
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { status: 'error' });
    const fieldErrors = within(detail.getByRole('list', { name: 'Field errors' }));
    await expect(fieldErrors.getByText('body.prompt')).toBeVisible();
    await expect(fieldErrors.getByText(/must be ≤ 2048/)).toBeVisible();
    await expectNoAxeViolations(canvasElement);
  },
};

export const StreamUploadRealtime: Story = {
  name: 'Stream, upload and realtime entries',
  play: async ({ canvasElement }) => {
    let { detail } = await selectRow(canvasElement, { endpoint: 'falkit/text-stream' });
    await expect(detail.getByText('37')).toBeVisible();
    ({ detail } = await selectRow(canvasElement, { status: 'uploading' }));
    await expect(detail.getByText('6.0 MiB of 15.0 MiB')).toBeVisible();
    await expect(detail.getByText('3.0 MiB/s')).toBeVisible();
    ({ detail } = await selectRow(canvasElement, { endpoint: 'fal-ai/fast-lcm-diffusion' }));
    await expect(detail.getByText('8.5 msg/s')).toBeVisible();
    await expectNoAxeViolations(canvasElement);
  },
};

export const LargePayload: Story = {
  name: 'Large payload (20,000 items, virtualised)',
  args: { entries: [largePayloadEntry] },
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { status: 'success' });
    const output = within(detail.getByRole('region', { name: 'Output' }));
    await expect(output.getByText('Array(20000)')).toBeVisible();
    await userEvent.click(output.getByRole('button', { name: 'Collapse embeddings' }));
    await userEvent.click(await output.findByRole('button', { name: 'Expand embeddings' }));
    await output.findByRole('button', { name: 'Collapse embeddings' });
    // Only the visible rows are in the DOM.
    const rendered = detail.getByRole('region', { name: 'Output' }).querySelectorAll('.fkd-tree-row').length;
    await expect(rendered).toBeLessThan(100);
    await expectNoAxeViolations(canvasElement);
  },
};

export const LongLog: Story = {
  name: '100,000 log lines (virtualised, filterable)',
  args: { entries: [longLogEntry] },
  play: async ({ canvasElement }) => {
    const { detail } = await selectRow(canvasElement, { status: 'in_progress' });
    await expect(detail.getByText('100000 lines')).toBeVisible();
    fireEvent.input(detail.getByRole('searchbox', { name: 'Filter logs' }), { target: { value: '99999/' } });
    await waitFor(() => expect(detail.getByText('1 of 100000 lines')).toBeVisible());
    await expectNoAxeViolations(canvasElement);
  },
};
