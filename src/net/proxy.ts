// Which proxy a request goes through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (README
// "Behind a proxy"). The variables come from the runtime's env, never from process.env
// directly, so tests can inject theirs. Nothing here loads a proxy library until a proxy
// variable is set: --version, --help and a proxy-less `list` stay as light as before.
//
// The instance metadata service is never proxied: its requests (sources/metadata.ts) ask for
// no agent, and proxyAgentFor answers undefined for 100.100.100.200 whatever the variables say.
// ECSIMG_METADATA_ENDPOINT does not exempt its origin: the emulator serves the ECS API, STS
// and the metadata service on one origin, and its ECS and STS requests go through the proxy.
import type { Agent } from 'node:http';
import { isIP } from 'node:net';

import { UsageError } from '../errors.js';

/** The runtime's environment (Runtime.env). */
export type Env = Record<string, string | undefined>;

export interface ProxySetting {
  /** the variable the proxy came from, as spelt in the environment (https_proxy wins over HTTPS_PROXY) */
  variable: string;
  /** the proxy's URL, user and password included: never print it, print `label` */
  url: URL;
  /** the proxy's URL without its password, for messages */
  label: string;
}

export interface ProxyRoute {
  /** undefined: connect directly */
  proxy?: ProxySetting;
  /** why a proxy that is set is not used, for --debug: "NO_PROXY matches", ... */
  bypassReason?: string;
}

export interface ProxyAgentOptions {
  /** --debug: one line saying which proxy (without password) is used for the target */
  debug?: (line: string) => void;
  /** the proxy's password is pushed here (as written and decoded), for error reports to blank out */
  secrets?: string[];
}

/** The value of the first of the names that is set; an empty or blank value counts as unset. */
function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** The lower-case name wins, as in curl and aws-cli. */
const namesOf = (lower: string): string[] => [lower, lower.toUpperCase()];

/** The proxy URL without its password; the user may be shown. */
export function describeProxy(url: URL): string {
  const user = url.username ? `${url.username}@` : '';
  return `${url.protocol}//${user}${url.host}`;
}

function parseProxy(variable: string, value: string): URL {
  // curl reads a proxy without a scheme as http://
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not echoed: the value may hold a password.
    throw new UsageError(`${variable} is not a valid proxy URL`, {
      hint: `write it as http://host:port, or http://user:password@host:port (special characters in the password percent-encoded)`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${variable} names a ${url.protocol}// proxy; ecsimg supports http:// and https:// proxies`, {
      hint: `set ${variable} to an HTTP proxy (http://host:port), or unset it`,
    });
  }
  if (url.hostname === '') throw new UsageError(`${variable} names no proxy host`, { hint: 'write it as http://host:port' });
  // The agent decodes them for Proxy-Authorization, and a URIError there is an internal error.
  if (!decodes(url.username) || !decodes(url.password)) {
    throw new UsageError(`${variable}: a % in its user name or password is not followed by two hex digits`, {
      hint: 'write a % itself as %25: http://user:pa%25ss@host:port',
    });
  }
  return url;
}

/**
 * NO_PROXY entries are host-name suffixes (curl's rule): `example.com` and `.example.com`
 * both mean example.com and every host under it; `*` means every host. proxy-from-env reads
 * an entry without a leading dot as one exact host, so each entry is given to it in both
 * forms.
 */
export function noProxyEntries(value: string, ipTarget = false): string {
  const entries = value.split(/[,\s]+/).filter((entry) => entry !== '');
  if (entries.includes('*')) return '*';
  // An IP address is no name with suffixes: only an entry that is that address (and port) matches it.
  if (ipTarget) {
    const bare = entries.map((entry) => entry.replace(/^\*?\./, ''));
    return bare.filter((entry) => isIP(entry) !== 0 || isIP(entry.replace(/^\[?(.*?)\]?(:\d+)?$/, '$1')) !== 0).join(',');
  }
  return entries
    .map((entry) => entry.replace(/^\*?\./, ''))
    .filter((bare) => bare !== '' && !bare.startsWith(':'))
    .flatMap((bare) => [bare, `.${bare}`])
    .join(',');
}

/**
 * proxy-from-env reads process.env. For the one synchronous call it sees exactly the
 * variables given here, so the runtime's env decides; nothing else can run in between.
 */
function withProcessEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = process.env;
  process.env = vars;
  try {
    return fn();
  } finally {
    process.env = saved;
  }
}

const METADATA_HOST = '100.100.100.200';


/** Which proxy, if any, the environment names for a request to targetUrl. */
export async function proxyRouteFor(targetUrl: string, env: Env): Promise<ProxyRoute> {
  const target = new URL(targetUrl);
  const scheme = target.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return {};
  const chosen = firstSet(env, namesOf(`${scheme}_proxy`));
  if (!chosen) return {};
  if (target.hostname === METADATA_HOST) return { bypassReason: 'the metadata service is never proxied' };
  const url = parseProxy(chosen.name, chosen.value);
  const proxy: ProxySetting = { variable: chosen.name, url, label: describeProxy(url) };
  const noProxy = firstSet(env, namesOf('no_proxy'));
  if (!noProxy) return { proxy };
  const { getProxyForUrl } = await import('proxy-from-env');
  const vars = { [`${scheme}_proxy`]: url.href, no_proxy: noProxyEntries(noProxy.value, isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0) };
  const viaProxy = withProcessEnv(vars, () => getProxyForUrl(target.href));
  return viaProxy === '' ? { bypassReason: `${noProxy.name} matches` } : { proxy };
}

/**
 * The agent for a request to targetUrl (ECS, STS, OIDC, a credentials URI): through the
 * proxy the environment names, or undefined to connect directly. Its failures reject the
 * request with a ProxyFailure, which toEcsimgError reports naming the proxy (exit 4).
 * For the metadata service it is always undefined.
 */
export async function proxyAgentFor(targetUrl: string, env: Env, options: ProxyAgentOptions = {}): Promise<Agent | undefined> {
  const route = await proxyRouteFor(targetUrl, env);
  const origin = new URL(targetUrl).origin;
  if (!route.proxy) {
    if (route.bypassReason) options.debug?.(`proxy: none for ${origin} (${route.bypassReason})`);
    return undefined;
  }
  options.debug?.(`proxy: ${route.proxy.label} (from ${route.proxy.variable}) for ${origin}`);
  const { password } = route.proxy.url;
  if (password) options.secrets?.push(...new Set([password, safeDecode(password)].filter((v) => v.length >= 4)));
  const { createProxyAgent } = await import('./proxyAgents.js');
  return createProxyAgent(new URL(targetUrl), route.proxy);
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
