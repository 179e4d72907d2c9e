/** Copies `text`; resolves with what to announce (clipboard access can be refused). */
export async function copyText(text: string, what: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return `Copied ${what}`;
  } catch {
    return `Could not copy ${what} (clipboard not available)`;
  }
}
