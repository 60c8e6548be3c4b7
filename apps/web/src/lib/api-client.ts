import { defaultMessage, type ErrorCode } from '@workdiary/shared';
import type { ZodType } from 'zod';
import { setApiReachable } from './connection';
import { errorMessageFor } from './error-messages';
import { env } from '../config/env';
import { translate } from './i18n/i18n';
import { loginUrl } from './login-url';
import { SERVER_TIME_HEADER, recordServerTime } from './server-clock';

/** Codes the server sends, plus the ones the client makes up when there is no server answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE' | 'HTTP_ERROR';

export const NETWORK_ERROR_MESSAGE = 'Cannot reach the server. Check your connection.';
const BAD_RESPONSE_MESSAGE = 'The server sent an unexpected response.';

export class ApiError extends Error {
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** An `ErrorCode` from `@workdiary/shared`, or NETWORK / BAD_RESPONSE / HTTP_ERROR. */
  readonly code: ApiErrorCode | (string & {});
  readonly details: unknown;

  constructor(init: { status: number; code: string; message: string; details?: unknown; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
  }
}

/** `isApiError(e)`, or with a status (`isApiError(e, 403)`) or a code (`isApiError(e, 'TIMER_ALREADY_RUNNING')`). */
export function isApiError(error: unknown, statusOrCode?: number | ApiErrorCode): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (statusOrCode === undefined) return true;
  return typeof statusOrCode === 'number' ? error.status === statusOrCode : error.code === statusOrCode;
}

/** A message fit to show a user, for any thrown value. */
export function getErrorMessage(error: unknown): string {
  // By its code, in the user's language; the server's English message is the fallback.
  if (error instanceof ApiError) return errorMessageFor(error);
  return translate('Something unexpected went wrong. Please try again.');
}

type QueryValue = string | number | boolean | null | undefined;
/** Query parameters; `undefined`, `null` and `''` are left out, arrays repeat the key. */
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

export type RequestOptions<T> = {
  body?: unknown;
  query?: Query;
  /**
   * When given, the JSON response is parsed with it (and its output type is returned). A promise
   * of a schema lets a first-load module (the sign-in page) import its schema lazily, fetched while
   * the request is on its way, so zod stays out of the first load.
   */
  schema?: ZodType<T> | Promise<ZodType<T>>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A 401 from these means "not signed in yet", which their callers handle themselves. */
const NO_LOGIN_REDIRECT = new Set(['/api/auth/login', '/api/me']);

type UnauthorizedHandler = (next: string) => void;
const defaultUnauthorizedHandler: UnauthorizedHandler = (next) => window.location.assign(loginUrl(next, { expired: true }));
let unauthorizedHandler = defaultUnauthorizedHandler;

/** The app swaps the full-page redirect for a router navigation. Returns a function that undoes it. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): () => void {
  unauthorizedHandler = handler;
  return () => {
    unauthorizedHandler = defaultUnauthorizedHandler;
  };
}

function handleUnauthorized(path: string): void {
  if (NO_LOGIN_REDIRECT.has(path)) return;
  const { pathname, search, hash } = window.location;
  if (pathname === '/login') return;
  unauthorizedHandler(`${pathname}${search}${hash}`);
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query ?? {})) {
    const values: readonly QueryValue[] = Array.isArray(raw) ? raw : [raw as QueryValue];
    for (const value of values) {
      if (value === undefined || value === null || value === '') continue;
      params.append(key, String(value));
    }
  }
  const search = params.toString();
  return `${env.apiBaseUrl}${path}${search ? (path.includes('?') ? '&' : '?') + search : ''}`;
}

// Not `instanceof Error`: a DOMException is not an Error in every environment.
function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

const FALLBACK_CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

async function readErrorBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** The shared `ErrorBodySchema` (`{ error: { code, message, details? } }`) checked by hand: no zod in the first load. */
function errorOfBody(body: unknown): { code: string; message: string; details?: unknown } | null {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details } = error as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message, details } : null;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = errorOfBody(await readErrorBody(response));
  if (body) return new ApiError({ status: response.status, ...body });
  // Our API always answers errors with a JSON body; a bare 5xx came from a proxy in front of it.
  if (response.status >= 500) {
    return new ApiError({ status: response.status, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE });
  }
  const code = FALLBACK_CODE_BY_STATUS[response.status];
  return code
    ? new ApiError({ status: response.status, code, message: defaultMessage(code) })
    : new ApiError({ status: response.status, code: 'HTTP_ERROR', message: `Request failed (HTTP ${response.status}).` });
}

function encodeBody(body: unknown, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData || body instanceof Blob || body instanceof URLSearchParams) return body;
  headers.set('Content-Type', 'application/json');
  return JSON.stringify(body);
}

/** How a request goes out: fetch, or XMLHttpRequest for an upload with progress. Rejects like fetch. */
type Transport = (url: string, init: { method: Method; headers: Headers; body: BodyInit | undefined; signal?: AbortSignal }) => Promise<Response>;

const fetchTransport: Transport = (url, init) => fetch(url, { ...init, credentials: 'include' });

/** Bytes of a request body sent so far (`total` 0 when the browser cannot tell). */
export type UploadProgress = { loaded: number; total: number };

/** The response headers of an XMLHttpRequest as a Headers object. */
function headersOf(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * XMLHttpRequest as a Transport (fetch reports no upload progress): the same cookie, headers and
 * abort; its answer becomes a Response, so errors are read exactly as for fetch.
 */
function xhrTransport(onProgress: (progress: UploadProgress) => void): Transport {
  return (url, { method, headers, body, signal }) => new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers: headersOf(xhr.getAllResponseHeaders()) }));
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.ontimeout = xhr.onerror;
    const abort = () => xhr.abort();
    xhr.onabort = () => reject(new DOMException('The request was aborted.', 'AbortError'));
    if (signal?.aborted) return reject(new DOMException('The request was aborted.', 'AbortError'));
    signal?.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => signal?.removeEventListener('abort', abort);
    xhr.send(body as XMLHttpRequestBodyInit | undefined);
  });
}

/** Sends one request; resolves with an OK response or throws an ApiError (aborts pass through). */
async function send(method: Method, path: string, options: Omit<RequestOptions<unknown>, 'schema'>, transport: Transport = fetchTransport): Promise<Response> {
  const headers = new Headers(options.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  // The server refuses cookie-authenticated changes without JSON or this header (CSRF defence):
  // body-less POSTs such as logout rely on it.
  headers.set('X-Requested-With', 'fetch');
  const body = encodeBody(options.body, headers);
  const requestStart = Date.now();
  let response: Response;
  try {
    response = await transport(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
  } catch (error) {
    if (isAbortError(error, options.signal)) throw error;
    setApiReachable(false);
    throw new ApiError({ status: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE, cause: error });
  }
  recordServerTime(response.headers.get(SERVER_TIME_HEADER), requestStart, Date.now());
  if (response.ok) {
    setApiReachable(true);
    return response;
  }
  const error = await toApiError(response);
  setApiReachable(error.code !== 'NETWORK');
  if (response.status === 401) handleUnauthorized(path.split('?')[0] ?? path);
  throw error;
}

async function request<T>(method: Method, path: string, options: RequestOptions<T> = {}, transport?: Transport): Promise<T> {
  const { schema, ...rest } = options;
  // A lazily imported schema that fails to load is only an error when the answer needs it.
  if (schema instanceof Promise) schema.catch(() => {});
  const response = await send(method, path, rest, transport);
  const text = response.status === 204 ? '' : await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch (cause) {
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: BAD_RESPONSE_MESSAGE, cause });
  }
  if (!schema) return data as T;
  const parsed = (await schema).safeParse(data);
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: BAD_RESPONSE_MESSAGE, details: parsed.error.issues });
  }
  return parsed.data;
}

/** JSON over fetch with the session cookie. Paths include the `/api` prefix: `api.get('/api/customers')`. */
export const api = {
  get: <T = unknown>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('POST', path, options),
  put: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('PUT', path, options),
  patch: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('PATCH', path, options),
  delete: <T = unknown>(path: string, options?: RequestOptions<T>) => request<T>('DELETE', path, options),
  /**
   * A POST whose body (a file, FormData) reports its progress: XMLHttpRequest instead of fetch,
   * otherwise the same as `api.post` (cookie, CSRF header, errors, schema).
   */
  upload: <T = unknown>(path: string, options: RequestOptions<T> & { onProgress: (progress: UploadProgress) => void }) => {
    const { onProgress, ...rest } = options;
    return request<T>('POST', path, rest, xhrTransport(onProgress));
  },
};

/** The file name from a Content-Disposition header (RFC 6266: `filename*` wins over `filename`). */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return cleanFileName(decodeURIComponent(extended[2].trim().replace(/^"|"$/g, '')));
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return cleanFileName(quoted[1].replace(/\\(.)/g, '$1'));
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare?.[1] ? cleanFileName(bare[1]) : null;
}

function cleanFileName(name: string): string | null {
  const base = name.split(/[/\\]/).pop()?.trim() ?? '';
  return base === '' ? null : base;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns: revoke a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Fetches a file (e.g. an .xlsx export) with the session cookie and saves it under the server's
 * file name, or `fallbackFileName`. Resolves with the name used; errors are ApiErrors as above.
 */
export async function download(
  path: string,
  fallbackFileName: string,
  options: { query?: Query; signal?: AbortSignal } = {},
): Promise<string> {
  const response = await send('GET', path, { ...options, headers: { Accept: '*/*' } });
  const blob = await response.blob();
  const fileName = fileNameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackFileName;
  saveBlob(blob, fileName);
  return fileName;
}
