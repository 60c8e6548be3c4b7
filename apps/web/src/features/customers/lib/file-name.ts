/** The name the server would give the labor sheet, used if its Content-Disposition is missing. */
export function xlsxFallbackName(...parts: string[]): string {
  const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${parts.map(slug).filter(Boolean).join('_') || 'export'}.xlsx`;
}
