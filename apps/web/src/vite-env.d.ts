/// <reference types="vite/client" />

// `interface` (not `type`) because these merge into Vite's own declarations.
interface ImportMetaEnv {
  /** Origin of the API when it is not served from the same origin under `/api` (default: same origin). */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
