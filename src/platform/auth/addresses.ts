import { BlockList, isIP } from 'node:net';

/**
 * Lists of network addresses and CIDR ranges (IPv4 and IPv6), as in TRUSTED_PROXIES and
 * METRICS_ALLOW: "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8". An IPv4-mapped IPv6 address
 * (::ffff:127.0.0.1) is the same as its IPv4 address, on either side.
 */
interface AddressList {
  has(address: string | undefined): boolean;
  readonly empty: boolean;
}

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The plain form of an address: IPv4-mapped IPv6 as IPv4, without brackets or an IPv4 port. */
function normalizeAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(a);
  if (v4port) a = v4port[1]!;
  const mapped = MAPPED.exec(a);
  return mapped ? mapped[1]! : a;
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const v = isIP(address);
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : undefined;
}

/** Checks one entry; returns a message for a bad one. */
function addEntry(list: BlockList, entry: string): string | undefined {
  const [rawAddress, prefix, ...rest] = entry.split('/');
  const address = normalizeAddress(rawAddress ?? '');
  const kind = family(address);
  if (!kind || rest.length) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) {
    list.addAddress(address, kind);
    return undefined;
  }
  const bits = Number(prefix);
  const max = kind === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || bits > max) return `"${entry}" has a prefix length outside 0–${max}`;
  list.addSubnet(address, bits, kind);
  return undefined;
}

/** Parses a comma-separated list; throws with the bad entries named. */
export function parseAddressList(text: string | undefined): AddressList {
  const entries = (text ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const list = new BlockList();
  const problems = entries.map((e) => addEntry(list, e)).filter((p): p is string => p !== undefined);
  if (problems.length) throw new Error(problems.join('; '));
  return {
    empty: entries.length === 0,
    has(raw) {
      if (!raw || entries.length === 0) return false;
      const address = normalizeAddress(raw);
      const kind = family(address);
      return kind !== undefined && list.check(address, kind);
    },
  };
}

const parsed = new Map<string, AddressList>();

/** The parsed list for a setting's text, parsed once per distinct text. */
export function addressList(text: string | undefined): AddressList {
  const key = text ?? '';
  let list = parsed.get(key);
  if (!list) {
    list = parseAddressList(key);
    parsed.set(key, list);
  }
  return list;
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the
 * X-Forwarded-For chain is walked from the right, skipping trusted proxies, and the first
 * untrusted entry is the client (a client cannot forge entries to the right of its own).
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: AddressList): string {
  const socket = socketAddress ? normalizeAddress(socketAddress) : 'unknown';
  if (!forwardedFor || !trusted.has(socket)) return socket;
  const chain = forwardedFor
    .split(',')
    .map((e) => normalizeAddress(e))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trusted.has(chain[i])) return chain[i]!.slice(0, 100);
  }
  // Every hop is a trusted proxy: the leftmost is the closest thing to a client.
  return (chain[0] ?? socket).slice(0, 100);
}
