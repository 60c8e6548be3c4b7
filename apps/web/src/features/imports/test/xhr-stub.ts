import { vi } from 'vitest';

/** One request made through the stubbed XMLHttpRequest. */
export type StubXhr = {
  method: string;
  url: string;
  withCredentials: boolean;
  headers: Record<string, string>;
  body: unknown;
  /** Fires an upload progress event (`total` 0: length not computable). */
  progress: (loaded: number, total: number) => void;
  /** Answers with what the stubbed fetch answers for the same request (see stubFetch). */
  respondFromFetch: () => Promise<void>;
};

/**
 * Replaces XMLHttpRequest with a stub that answers through the global fetch (so `stubFetch`
 * handlers answer uploads too). With `hold`, a request waits until the test calls
 * `respondFromFetch()`, after driving its progress events.
 */
export function stubXhr({ hold = false }: { hold?: boolean } = {}) {
  const requests: StubXhr[] = [];
  class FakeXhr implements StubXhr {
    method = '';
    url = '';
    withCredentials = false;
    headers: Record<string, string> = {};
    body: unknown = undefined;
    status = 0;
    statusText = '';
    responseText = '';
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    onabort: (() => void) | null = null;
    onloadend: (() => void) | null = null;
    private responseHeaders = '';
    private done = false;

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }

    getAllResponseHeaders() {
      return this.responseHeaders;
    }

    send(body?: unknown) {
      this.body = body;
      requests.push(this);
      if (!hold) void this.respondFromFetch();
    }

    abort() {
      if (this.done) return;
      this.done = true;
      this.onabort?.();
      this.onloadend?.();
    }

    progress(loaded: number, total: number) {
      this.upload.onprogress?.({ loaded, total, lengthComputable: total > 0 } as ProgressEvent);
    }

    async respondFromFetch() {
      const res = await fetch(this.url, { method: this.method, headers: this.headers, body: this.body as BodyInit, credentials: 'include' });
      if (this.done) return;
      this.done = true;
      this.status = res.status;
      this.statusText = res.statusText;
      this.responseText = await res.text();
      const lines: string[] = [];
      res.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
      this.responseHeaders = lines.join('\r\n');
      this.onload?.();
      this.onloadend?.();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return { requests };
}
