import type { Page } from 'playwright-core';

export interface ConsoleProblems {
  /** Every console error/warning, page error and failed or 4xx/5xx request seen so far. */
  list: () => string[];
  /** Prefixes later problems (e.g. with the story being visited). */
  setContext: (context: string) => void;
}

/** Collects what a user would see as red or yellow in the devtools of this page and its frames. */
export function watchConsole(page: Page): ConsoleProblems {
  const problems: string[] = [];
  let context = '';
  const add = (problem: string) => problems.push(context ? `${context}: ${problem}` : problem);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      add(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation away aborts requests still in flight; that is not a failure the user sees.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') add(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) add(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { list: () => [...problems], setContext: (next) => (context = next) };
}
