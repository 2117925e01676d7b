// Temporary credentials for a whole run: obtained once, renewed when a request would go out
// with less than a few minutes of them left. Concurrent requests share one renewal.
import type { Credentials, ResolvedCredentials } from './credentials.js';

/** Renewed this long before they end, so no request is signed with credentials about to lapse. */
export const RENEW_MARGIN_MS = 3 * 60_000;

export interface RenewingCredentials {
  getCredentials(): Promise<Credentials>;
}

export function renewingCredentials(
  first: ResolvedCredentials,
  onRenewed: (next: ResolvedCredentials) => void,
  now: () => number = Date.now,
): RenewingCredentials {
  let current = first;
  let renewal: Promise<ResolvedCredentials> | undefined;
  return {
    async getCredentials() {
      const { expiresAt, renew } = current;
      if (expiresAt === undefined || renew === undefined || expiresAt - now() > RENEW_MARGIN_MS) return current.credentials;
      renewal ??= renew().then(
        (next) => {
          current = next;
          renewal = undefined;
          onRenewed(next);
          return next;
        },
        (err: unknown) => {
          renewal = undefined;
          throw err;
        },
      );
      return (await renewal).credentials;
    },
  };
}
