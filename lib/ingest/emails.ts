/**
 * E-mail addresses replaced in untrusted text, in linear time. Same addresses as the pattern
 * `[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, but a scanner: the pattern backtracks over every start position of a long run
 * of letters (quadratic: an 80 kB run blocked the server for seconds). Here each character is looked at a
 * bounded number of times: left of an "@" the scan stops at the previous "@" or match, right of it at the next.
 */

const REPLACEMENT = "[redacted-email]";

function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isLocal(code: number): boolean {
  return isWord(code) || code === 46 || code === 43 || code === 45; // . + -
}

function isDomain(code: number): boolean {
  return isWord(code) || code === 45;
}

/** Where the domain after the "@" at `at` ends, or -1 when there is no `label(.label)+` there. */
function domainEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && isDomain(text.charCodeAt(end))) end += 1;
  if (end === at + 1) return -1;
  let labels = 0;
  while (end < text.length && text.charCodeAt(end) === 46) {
    let next = end + 1;
    while (next < text.length && isDomain(text.charCodeAt(next))) next += 1;
    if (next === end + 1) break;
    labels += 1;
    end = next;
  }
  return labels > 0 ? end : -1;
}

export function redactEmails(text: string): string {
  let at = text.indexOf("@");
  if (at === -1) return text;
  const parts: string[] = [];
  let copied = 0;
  while (at !== -1) {
    let start = at;
    while (start > copied && isLocal(text.charCodeAt(start - 1))) start -= 1;
    const end = start < at ? domainEnd(text, at) : -1;
    if (end === -1) {
      at = text.indexOf("@", at + 1);
      continue;
    }
    parts.push(text.slice(copied, start), REPLACEMENT);
    copied = end;
    at = text.indexOf("@", end);
  }
  parts.push(text.slice(copied));
  return parts.join("");
}
