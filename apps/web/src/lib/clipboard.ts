/**
 * Copies text to the clipboard; without the clipboard API (plain http, an older browser) it
 * selects `fallbackInput` and uses the legacy command. Resolves with whether it worked.
 */
export async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackInput) return false;
    fallbackInput.select();
    return document.execCommand?.('copy') ?? false;
  }
}
