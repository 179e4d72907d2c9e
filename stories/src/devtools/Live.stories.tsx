import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { currentBackend, emulatorFaults } from '../backend';
import { expectNoAxeViolations, openPanel } from './devtoolsTesting';
import { LiveDevtools, liveEndpoint } from './LiveDevtools';

// Real jobs on the story emulator (one worker): a long job may wait behind other stories' jobs.
const live = { timeout: 25_000 };

const meta = {
  title: 'Devtools/Live on the emulator',
  component: LiveDevtools,
  parameters: { layout: 'fullscreen' },
  beforeEach: async () => {
    if (currentBackend().kind !== 'emulator') return;
    await emulatorFaults.clear();
    return () => emulatorFaults.clear();
  },
} satisfies Meta<typeof LiveDevtools>;

export default meta;
type Story = StoryObj<typeof meta>;

const statusesIn = (root: ShadowRoot) =>
  [...root.querySelectorAll('.fkd-row [data-status]')].map((badge) => badge.getAttribute('data-status'));

async function rowWith(root: ShadowRoot, status: string): Promise<HTMLButtonElement> {
  return waitFor(() => {
    const row = [...root.querySelectorAll<HTMLButtonElement>('.fkd-row-main')].find((candidate) =>
      candidate.querySelector(`[data-status="${status}"]`),
    );
    if (!row) throw new Error(`no ${status} row yet: ${statusesIn(root).join(', ')}`);
    return row;
  }, live);
}

export const OpenAndFilter: Story = {
  name: 'Open, list real jobs, filter',
  play: async ({ canvasElement }) => {
    const app = within(canvasElement);
    await userEvent.click(app.getByRole('button', { name: 'Quick job' }));
    await userEvent.click(app.getByRole('button', { name: 'Quick job' }));
    await userEvent.click(app.getByRole('button', { name: 'Failing job' }));
    const { root, panel } = await openPanel(canvasElement);
    await waitFor(() => expect(statusesIn(root).sort()).toEqual(['error', 'success', 'success']), live);
    await expectNoAxeViolations(canvasElement);
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Status' }), 'error');
    await waitFor(() => expect(statusesIn(root)).toEqual(['error']));
    await expect(panel.getByText('1 of 3')).toBeVisible();
    await userEvent.selectOptions(panel.getByRole('combobox', { name: 'Status' }), '');
    const search = panel.getByRole('searchbox', { name: 'Search endpoint or request id' });
    fireEvent.input(search, { target: { value: 'no-such-endpoint' } });
    await expect(await panel.findByText('No requests match.')).toBeVisible();
    fireEvent.input(search, { target: { value: liveEndpoint } });
    await waitFor(() => expect(statusesIn(root)).toHaveLength(3));
    // The failed job's detail shows the server's error.
    await userEvent.click(await rowWith(root, 'error'));
    const detail = within(await panel.findByRole('region', { name: 'Request details' }));
    await expect(detail.getByText(/ApiError/)).toBeVisible();
  },
};

export const CancelRunningJob: Story = {
  name: 'Cancel a running job on the emulator',
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Long job' }));
    const { root, panel } = await openPanel(canvasElement);
    await userEvent.click(await rowWith(root, 'in_progress'));
    const detail = within(await panel.findByRole('region', { name: 'Request details' }));
    const requestId = await waitFor(() => {
      const id = detail.getByText(/^[0-9a-f-]{36}$/).textContent;
      if (!id) throw new Error('no request id yet');
      return id;
    });
    await userEvent.click(detail.getByRole('button', { name: 'Cancel' }));
    await rowWith(root, 'cancelled');
    // The app's hook sees it too: one status vocabulary.
    await expect(within(canvasElement).getByRole('status', { name: 'Long job status' })).toHaveTextContent(
      'cancelled',
    );
    await waitFor(() => expect(detail.getByRole('button', { name: 'Cancel' })).toBeDisabled());
    // The emulator's job was cancelled too (not just forgotten by the client); the server finishes
    // the cancellation on its own schedule, so poll its job list.
    const serverStatus = async () => {
      const jobs = (await (await fetch(`${currentBackend().url}/__emulator/jobs`)).json()) as Array<{
        requestId: string;
        status: string;
      }>;
      return jobs.find((job) => job.requestId === requestId)?.status;
    };
    await waitFor(async () => expect(await serverStatus()).toBe('CANCELLED'), live);
    await expectNoAxeViolations(canvasElement);
  },
};

export const InjectFaultSeeRetry: Story = {
  name: 'Inject a 429 from the Emulator tab, see the retry',
  play: async ({ canvasElement }) => {
    const { root, panel } = await openPanel(canvasElement);
    await userEvent.click(panel.getByRole('tab', { name: 'Emulator' }));
    const form = within(await panel.findByRole('form', { name: 'Add a fault' }));
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Type' }), 'status');
    fireEvent.input(form.getByRole('spinbutton', { name: 'HTTP status' }), { target: { value: '429' } });
    fireEvent.input(form.getByRole('textbox', { name: 'Host' }), { target: { value: 'queue.fal.run' } });
    fireEvent.input(form.getByRole('textbox', { name: 'Path' }), { target: { value: `/${liveEndpoint}` } });
    fireEvent.input(form.getByRole('spinbutton', { name: 'Times' }), { target: { value: '2' } });
    await userEvent.click(form.getByRole('button', { name: 'Add fault' }));
    const faults = await panel.findByRole('table', { name: 'Faults' });
    await expect(within(faults).getByText('status 429')).toBeVisible();
    await expectNoAxeViolations(canvasElement);

    // The app's next submit meets the fault twice, then goes through.
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Quick job' }));
    await waitFor(() => expect(panel.queryByRole('table', { name: 'Faults' })).toBeNull(), live);
    await userEvent.click(panel.getByRole('tab', { name: /Requests/ }));
    await userEvent.click(await rowWith(root, 'success'));
    const detail = within(await panel.findByRole('region', { name: 'Request details' }));
    await expect(detail.getByText('Retries').nextElementSibling).toHaveTextContent('2');
    await expect(detail.getByText('Last retry reason').nextElementSibling).toHaveTextContent(
      /Too Many Requests|429/,
    );
    await expect(root.querySelector('.fkd-row .fkd-meta')).toHaveTextContent('2 retries');
  },
};

export const AddAndRemoveFault: Story = {
  name: 'Add a lasting fault, then remove it',
  play: async ({ canvasElement }) => {
    const { panel } = await openPanel(canvasElement);
    await userEvent.click(panel.getByRole('tab', { name: 'Emulator' }));
    const form = within(await panel.findByRole('form', { name: 'Add a fault' }));
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Type' }), 'drop');
    fireEvent.input(form.getByRole('textbox', { name: 'Path' }), { target: { value: `/${liveEndpoint}` } });
    fireEvent.input(form.getByRole('spinbutton', { name: 'Times' }), { target: { value: '-1' } });
    await userEvent.click(form.getByRole('button', { name: 'Add fault' }));
    const faults = within(await panel.findByRole('table', { name: 'Faults' }));
    await expect(faults.getByText('∞')).toBeVisible();
    await userEvent.click(faults.getByRole('button', { name: /^Remove fault / }));
    await waitFor(() => expect(panel.queryByRole('table', { name: 'Faults' })).toBeNull());
    await expect(panel.getByText('No faults.')).toBeVisible();
    await expectNoAxeViolations(canvasElement);
  },
};
