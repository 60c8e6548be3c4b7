/**
 * The name the server would give an exported sheet (`acme-ltd_2026-03.xlsx`), used only if its
 * Content-Disposition is missing: each part lower-cased, accents dropped, anything else a dash.
 */
export function xlsxFallbackName(...parts: string[]): string {
  const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${parts.map(slug).filter(Boolean).join('_') || 'export'}.xlsx`;
}
