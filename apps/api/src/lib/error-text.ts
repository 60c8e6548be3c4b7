/**
 * One readable line for anything thrown: an Error's message; a non-Error object's `message`
 * (some libraries throw plain objects or WebAssembly exit statuses), else its JSON; never
 * "[object Object]".
 */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object') {
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    try {
      const json = JSON.stringify(err);
      if (json && json !== '{}') return json;
    } catch {
      // circular: fall through
    }
    const name = (err as { constructor?: { name?: string } }).constructor?.name;
    return `${name && name !== 'Object' ? name : 'an error'} without a message`;
  }
  return String(err);
}
