// proxy-from-env 2.x ships no types (@types/proxy-from-env describes 1.x).
declare module 'proxy-from-env' {
  /** The proxy URL for url from the *_proxy and no_proxy variables of process.env; '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
