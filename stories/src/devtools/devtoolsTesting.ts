/** Helpers for the devtools stories: reach into the devtools' shadow root and audit it with axe. */
import axe from 'axe-core';
import { expect, waitFor, within } from 'storybook/test';

type Queries = ReturnType<typeof within>;

/** The devtools' shadow root (attached on mount), as a testing-library container. */
export async function devtoolsIn(canvasElement: HTMLElement): Promise<{ root: ShadowRoot; screen: Queries }> {
  const root = await waitFor(() => {
    const shadow = canvasElement.querySelector('[data-falkit-devtools]')?.shadowRoot;
    if (!shadow?.querySelector('.fkd-toggle')) throw new Error('devtools not mounted yet');
    return shadow;
  });
  return { root, screen: within(root as unknown as HTMLElement) };
}

/** Opens the panel (if closed) and waits for the lazily loaded drawer. */
export async function openPanel(
  canvasElement: HTMLElement,
): Promise<{ root: ShadowRoot; screen: Queries; panel: Queries; toggle: HTMLElement }> {
  const { root, screen } = await devtoolsIn(canvasElement);
  const toggle = screen.getByRole('button', { name: 'fal devtools' });
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  const panel = await screen.findByRole('region', { name: 'falkit devtools' }, { timeout: 10_000 });
  return { root, screen, panel: within(panel), toggle };
}

/** axe-core over the story, shadow DOM included: no violations allowed. */
export async function expectNoAxeViolations(canvasElement: HTMLElement) {
  const results = await axe.run(canvasElement, { resultTypes: ['violations'] });
  const violations = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.target.join(' ')),
  }));
  await expect(JSON.stringify(violations, null, 1)).toBe('[]');
}
