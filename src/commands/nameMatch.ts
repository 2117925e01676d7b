// --name-exact and --name-glob: ImageName matched whole, case-sensitive, with no regex
// escaping for the user to get wrong. Each becomes the anchored RegExp that --name-regex
// would be, plus the text to send as ImageName (the API's fuzzy match) to narrow the request.

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function exactNameRegex(name: string): RegExp {
  return new RegExp(`^${escapeRegex(name)}$`, 'u');
}

/** `*` any run of characters (newlines too), `?` one character; everything else literal. */
export function globNameRegex(pattern: string): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegex(c))).join('');
  return new RegExp(`^${body}$`, 'u');
}

/** The longest literal run of a glob, sent as ImageName; undefined when there is none. */
export function globLiteral(pattern: string): string | undefined {
  const longest = pattern.split(/[*?]/).reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest === '' ? undefined : longest;
}
