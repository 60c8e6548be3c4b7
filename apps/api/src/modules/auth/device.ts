/**
 * A short, human summary of a User-Agent for the profile's session list ("Firefox on Linux").
 * It only helps people recognise their own devices; it is never used for a security decision.
 */
export function deviceSummary(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  if (!ua.trim()) return 'Unknown device';
  const browser = pick(ua, [
    [/Edg\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/Chrom(e|ium)\//, 'Chrome'],
    [/Safari\//, 'Safari'],
    [/curl\//i, 'curl'],
    [/node|undici|axios|python|go-http|okhttp|lightmyrequest/i, 'Script'],
  ]);
  const system = pick(ua, [
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ]);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown device';
}

function pick(ua: string, rules: Array<[RegExp, string]>): string | null {
  for (const [pattern, name] of rules) if (pattern.test(ua)) return name;
  return null;
}
