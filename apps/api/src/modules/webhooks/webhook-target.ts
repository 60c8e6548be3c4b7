import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '@workdiary/shared';

/**
 * Which addresses a webhook may reach. In production (unless WEBHOOK_ALLOW_PRIVATE=true) only
 * public unicast addresses: never loopback, private (RFC 1918, fc00::/7), link-local (169.254/16,
 * the cloud metadata address among them; fe80::/10), carrier-grade NAT, unspecified, multicast,
 * reserved, nor an IPv4 address wrapped in IPv6. Checked when the webhook is created (a clear
 * 400) and again at every connection (the DNS lookup of the delivery: a name that resolved to a
 * public address at creation may resolve to 127.0.0.1 later, "DNS rebinding").
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Refuses a webhook URL whose host is, or resolves to, a non-public address (WEBHOOK_TARGET_PRIVATE)
 * or does not resolve at all (WEBHOOK_TARGET_UNRESOLVED). Nothing to check when private targets are allowed.
 */
export async function assertTargetAllowed(rawUrl: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(new URL(rawUrl));
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw new AppError('WEBHOOK_TARGET_UNRESOLVED', `The host ${host} does not resolve.`, { in: 'body', path: 'url' });
    }
  }
  const refused = addresses.find((a) => !isPublicAddress(a));
  if (refused !== undefined) {
    throw new AppError('WEBHOOK_TARGET_PRIVATE', `Webhooks cannot reach private, loopback or link-local addresses (${host} is ${refused}).`, { in: 'body', path: 'url', address: refused });
  }
}

/** The refusal of a delivery to a non-public address (the attempt's recorded error). */
export class PrivateTargetError extends Error {
  constructor(host: string, address: string) {
    super(`private address refused: ${host} resolves to ${address}`);
    this.name = 'PrivateTargetError';
  }
}

/** Whether a delivery to this URL's literal IP host is refused (names are checked by `publicOnlyLookup`). */
export function literalHostRefused(url: URL): string | null {
  const host = hostOf(url);
  return ipaddr.isValid(host) && !isPublicAddress(host) ? host : null;
}

/**
 * A DNS lookup for the delivery's connection that fails when any address of the name is not public,
 * so the address connected to is the address checked (no second, rebindable lookup).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) {
      callback(err, '', 4);
      return;
    }
    const list = addresses as dns.LookupAddress[];
    const refused = list.find((a) => !isPublicAddress(a.address));
    if (refused) {
      callback(new PrivateTargetError(hostname, refused.address), '', 4);
      return;
    }
    if (options.all) (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
  });
};
