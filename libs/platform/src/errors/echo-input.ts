/**
 * How an error message shows what the caller sent. Messages name the bad value so a person can find
 * the typo, but a value can be anything up to the request's size limit (1 MB of JSON): echoed whole,
 * a 1,000,000-character `industryCode` came back as a 1 MB error (2 MB where the message names it
 * twice). So every message that repeats a caller's text goes through echoInput, which keeps a short
 * prefix and says how long the rest was.
 *
 * Pure (no imports), so any layer may use it; RECEIVED_PREFIX_CHARS is the prefix length.
 */

/** Characters (Unicode code points) of a long value an error message repeats. */
export const RECEIVED_PREFIX_CHARS = 32;

/** Code points in `text` (a surrogate pair counts once), without building an array of them. */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * The caller's value as an error message may show it: unchanged when it has at most `max` characters
 * (code points), else its first `max` characters, '…' and its length, e.g.
 * `AAAAAAAA…（共 1000000 个字符 / 1000000 characters）`. Never splits a surrogate pair. Non-strings are
 * shown through String() and shortened the same way.
 */
export function echoInput(value: unknown, max: number = RECEIVED_PREFIX_CHARS): string {
  const text = typeof value === 'string' ? value : String(value);
  // Cheap exit: fewer UTF-16 units than `max` means fewer code points too.
  if (text.length <= max) return text;
  const total = codePoints(text);
  if (total <= max) return text;
  let end = 0;
  for (let kept = 0; kept < max; kept++) {
    const c = text.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < text.length && text.charCodeAt(end + 1) >= 0xdc00 && text.charCodeAt(end + 1) <= 0xdfff ? 2 : 1;
  }
  return `${text.slice(0, end)}…（共 ${total} 个字符 / ${total} characters）`;
}
