/** The web app's configuration, read once. Nothing else reads `import.meta.env`. */
export const env = {
  /** Prefix for API calls; empty means same origin (the dev proxy or the production reverse proxy). */
  apiBaseUrl: (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, ''),
  isDev: import.meta.env.DEV,
} as const;
