/** Masking of secrets for everything gt prints: plans, status, logs. The rest of a value is kept byte for byte. */

export const MASK = '***';

/** `scheme://user:password@host` — the password part of the userinfo. */
const USERINFO_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i;

/** `https://TOKEN@host`: over HTTP a bare userinfo is a credential (a personal access token); over ssh it is a login. */
const HTTP_BARE_USERINFO = /^((?:git\+)?https?:\/\/)[^/?#@:]+@/i;

/** A query parameter whose name says it carries a credential (token=, access_token=, X-Amz-Signature=, key=, ...). */
const SECRET_QUERY_PARAM = /([?&])([^=&#]*(?:token|secret|passw(?:or)?d|pwd|signature|credential|auth|api[-_]?key)[^=&#]*|key|sig)=[^&#]*/gi;

/**
 * A URL with its credentials masked: `https://user:secret@host/db?token=abc` → `https://user:***@host/db?token=***`.
 * Not parsed with `URL`, which would normalise the rest (trailing slashes, case) and make it differ from the real one.
 */
export function maskUrl(url: string): string {
  return url
    .replace(USERINFO_PASSWORD, `$1:${MASK}@`)
    .replace(HTTP_BARE_USERINFO, `$1${MASK}@`)
    .replace(SECRET_QUERY_PARAM, `$1$2=${MASK}`);
}

/** A secret value as it may be shown: masked, unless empty (an empty password is worth seeing and reveals nothing). */
export function maskSecret(value: string): string {
  return value === '' ? '' : MASK;
}

/** A URL anywhere in free text (an error message, a log line), up to whitespace or a quote. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"`<>]+/gi;

/** Free text with the credentials of every URL in it masked (for logs and status files). */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => maskUrl(url));
}
