// Keeps secrets out of --debug logs and error text (SPEC section 7).

export const REDACTED = '<redacted>';

// Named like a signature but not secret, and useful when reading a --debug log.
const HARMLESS_KEYS = new Set(['signaturemethod', 'signatureversion', 'signaturenonce', 'signaturetype']);
const SECRET_KEY = /secret|token|signature|password|passwd|credential/i;
const ACCESS_KEY_ID = /^access_?key_?id$/i;

/** An AccessKeyId as `****` plus its last 4 characters; short values show nothing. */
export function maskAccessKeyId(id: string): string {
  return id.length > 8 ? `****${id.slice(-4)}` : '****';
}

/** Request parameters safe to print: AccessKeyId masked, signature, token and secrets replaced. */
export function redactParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (ACCESS_KEY_ID.test(key)) out[key] = maskAccessKeyId(String(value));
    else if (SECRET_KEY.test(key) && !HARMLESS_KEYS.has(key.toLowerCase())) out[key] = REDACTED;
    else out[key] = value;
  }
  return out;
}

// pop-core's percent-encoding (encodeURIComponent plus !'()*). A value appears once encoded
// in a URL or form body and twice encoded inside a string to sign.
function popEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Signature=..., SecurityToken=..., AccessKeyId=... as a URL/form parameter, also when the
// '=' is percent-encoded once (%3D) or twice (%253D, inside a string to sign). The value
// ends at '&', an encoded '&', whitespace or a quote.
const SECRET_PARAM =
  /(?<![A-Za-z])(Signature|SecurityToken|AccessKeyId|AccessKeySecret)(=|%3D|%253D)(?:(?!%26|%2526)[^&\s"'<>,])*/gi;
// The server's SignatureDoesNotMatch message quotes its string to sign: every parameter,
// the AccessKeyId and STS token among them. Everything after it on that line goes.
const STRING_TO_SIGN = /(string\s*to\s*sign)[^\n]*/gi;
// Shapes of Alibaba Cloud credentials, caught even when nobody said they were secret:
// long-term AccessKeyIds (LTAI...), STS AccessKeyIds (STS....) and STS tokens (CAIS...).
const CREDENTIAL_SHAPES = [/\bLTAI[A-Za-z0-9]{12,}/g, /\bSTS\.[A-Za-z0-9]{12,}/g, /\bCAIS[A-Za-z0-9+/=%_-]{16,}/g];

/**
 * Text safe to print: every given secret (raw, URL-encoded or double-encoded), any
 * Signature/SecurityToken/AccessKeyId parameter value, a server's "string to sign" and
 * anything shaped like an Alibaba Cloud credential become `<redacted>`.
 */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    variants.add(secret);
    try {
      const once = popEncode(secret);
      variants.add(once).add(popEncode(once)).add(encodeURIComponent(secret));
    } catch {
      // A lone surrogate (a "\ud800" in a JSON config) cannot be percent-encoded, nor sent.
    }
  }
  let out = text;
  // Longest first, so a secret that contains another is replaced whole. A plain string
  // search: a regex built from a secret breaks on some values (a long run of one character
  // is "too large"), and its error message would quote the secret.
  for (const variant of [...variants].sort((a, b) => b.length - a.length)) {
    out = out.split(variant).join(REDACTED);
  }
  out = out.replace(STRING_TO_SIGN, `$1 ${REDACTED}`);
  out = out.replace(SECRET_PARAM, `$1$2${REDACTED}`);
  for (const shape of CREDENTIAL_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}
