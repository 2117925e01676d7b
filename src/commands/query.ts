// `list --query`: JMESPath over the listed images, and how its result is printed.
//
// jmespath.js knows only doubles, and integers beyond 2^53 (a bigint ImageOwnerId, a long
// literal in the query) are not doubles (SPEC section 4, Numbers). Before a search that
// meets one, each such integer is given a stand-in: a double from 2^54 up, in the order of
// the integers' magnitudes (a negative integer gets the negated stand-in). Every other
// number is within 2^53, so ==, <, sort_by, max_by, min_by, max, min, abs, floor, ceil,
// to_number and type answer on the stand-ins exactly as on the integers, and stand-ins in
// the result are turned back. Functions that would print or add a stand-in (to_string, sum,
// avg, and sort, which jmespath.js runs on text) are refused instead, exit 2.
import { UsageError } from '../errors.js';
import type { IO } from '../io.js';
import type { Row } from '../output/format.js';
import { stringifyJson } from '../output/json.js';
import { escapeJsonForTerminal } from '../output/text.js';
import { writeQueryText } from './queryText.js';

export type Query = (rows: Row[]) => unknown;

interface Token {
  type: string;
  value: unknown;
  start: number;
}

interface AstNode {
  type: string;
  name?: string;
  children?: unknown[];
}

interface JmesPath {
  compile(expression: string): AstNode;
  tokenize(expression: string): Token[];
  search(data: unknown, expression: string): unknown;
}

/** Functions whose answer on a stand-in would not be the answer on the integer. */
const INEXACT_FUNCTIONS = ['to_string', 'sum', 'avg', 'sort'];

/** The first stand-in: above every double that holds an integer exactly; stand-ins are 4 apart (the spacing of doubles there). */
const FIRST_STAND_IN = 2 ** 54;
const STAND_IN_STEP = 4;

/** What a query runs over, for its messages. */
export interface QuerySubject {
  /** the rows, plural: images, regions */
  noun: string;
  /** example expressions over them */
  examples: string;
}

const IMAGES: QuerySubject = { noun: 'images', examples: "'[].ImageId' or '[?Size > `40`].ImageId'" };

export async function compileQuery(expression: string, subject: QuerySubject = IMAGES): Promise<Query> {
  const jmespath = (await import('jmespath')).default as unknown as JmesPath;
  let ast: AstNode;
  let tokens: Token[];
  try {
    ast = jmespath.compile(expression);
    tokens = jmespath.tokenize(expression);
  } catch (err) {
    throw new UsageError(`invalid --query "${expression}": ${(err as Error).message}`, {
      hint: `a JMESPath expression over the JSON array, e.g. ${subject.examples}`,
    });
  }
  const segments = expressionSegments(expression, tokens);
  const literalIntegers = segments.filter((segment): segment is bigint => typeof segment === 'bigint');
  const inexact = functionsCalled(ast).filter((name) => INEXACT_FUNCTIONS.includes(name));

  const search = (data: unknown, text: string): unknown => {
    try {
      return jmespath.search(data, text);
    } catch (err) {
      // A valid expression can still fail on the data: a function given the wrong type.
      const reason = jmespathTypeNames((err as Error).message.replace(/^(\w*Error: )+/, ''));
      throw new UsageError(`--query "${expression}" failed on the ${subject.noun}: ${reason}`, {
        hint: 'functions such as sort_by and max_by need every value to be a number or every value a string',
      });
    }
  };

  return (rows) => {
    const found = new Map<string, BigValue>();
    for (const row of rows) collectBigValues(row, '', found);
    for (const value of literalIntegers) addBigValue(found, value, '');
    if (found.size === 0) return search(rows, expression);
    const [first] = found.values();
    if (inexact.length > 0) {
      const where = first!.field === '' ? 'the query holds' : `${first!.field} holds`;
      throw new UsageError(
        `--query "${expression}" uses ${inexact.join(', ')}, which JMESPath cannot do exactly on integers beyond 2^53, and ${where} ${String(first!.value)}`,
        {
          hint: 'such integers are compared and sorted exactly (==, <, sort_by, max_by); for text or sums use -o json with jq, or leave those images out (e.g. --owner)',
        },
      );
    }
    const standIns = assignStandIns(found);
    const data = rows.map((row) => withStandIns(row, standIns.byValue));
    const text = segments.map((segment) => (typeof segment === 'bigint' ? String(standIns.byValue.get(segment)) : segment)).join('');
    return withoutStandIns(search(data, text), standIns.byStandIn);
  };
}

interface BigValue {
  /** the value as it was (bigint, or the rare double beyond 2^53) */
  value: bigint | number;
  exact: bigint;
  /** the field it was first seen in; '' for a literal of the query */
  field: string;
}

/** A double beyond 2^53 is an integer, but not necessarily the one that was meant. */
function isBig(value: unknown): value is bigint | number {
  return typeof value === 'bigint' ? !Number.isSafeInteger(Number(value)) : typeof value === 'number' && Number.isFinite(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER;
}

function addBigValue(found: Map<string, BigValue>, value: bigint | number, field: string): void {
  const exact = BigInt(value);
  const key = String(exact);
  if (!found.has(key)) found.set(key, { value, exact, field });
}

function collectBigValues(value: unknown, field: string, found: Map<string, BigValue>): void {
  if (isBig(value)) addBigValue(found, value, field);
  else if (Array.isArray(value)) for (const item of value) collectBigValues(item, field, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collectBigValues(item, key, found);
  }
}

interface StandIns {
  /** exact integer -> stand-in */
  byValue: Map<bigint, number>;
  /** stand-in -> the value to print */
  byStandIn: Map<number, bigint | number>;
}

function assignStandIns(found: Map<string, BigValue>): StandIns {
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  const magnitudes = [...new Set([...found.values()].map(({ exact }) => abs(exact)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(magnitudes.map((magnitude, index) => [magnitude, FIRST_STAND_IN + index * STAND_IN_STEP]));
  const byValue = new Map<bigint, number>();
  const byStandIn = new Map<number, bigint | number>();
  for (const { value, exact } of found.values()) {
    const standIn = (exact < 0n ? -1 : 1) * rank.get(abs(exact))!;
    byValue.set(exact, standIn);
    byStandIn.set(standIn, value);
  }
  // abs() of a negative integer gives the stand-in of its magnitude, which may not be in the rows.
  for (const magnitude of magnitudes) if (!byStandIn.has(rank.get(magnitude)!)) byStandIn.set(rank.get(magnitude)!, magnitude);
  return { byValue, byStandIn };
}

/** The same JSON-like value, copied, with every leaf (not array, not object) passed through `leaf`. */
function mapLeaves(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, leaf));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = mapLeaves(item, leaf);
    return copy;
  }
  return leaf(value);
}

function withStandIns(value: unknown, byValue: Map<bigint, number>): unknown {
  return mapLeaves(value, (leaf) => (isBig(leaf) ? byValue.get(BigInt(leaf)) : leaf));
}

function withoutStandIns(value: unknown, byStandIn: Map<number, bigint | number>): unknown {
  return mapLeaves(value, (leaf) => (typeof leaf === 'number' ? (byStandIn.get(leaf) ?? leaf) : leaf));
}

function functionsCalled(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const { type, name, children } = node as AstNode;
  const inner = Array.isArray(children) ? children.flatMap(functionsCalled) : [];
  return type === 'Function' && typeof name === 'string' ? [name, ...inner] : inner;
}

/**
 * The expression cut around the integers beyond 2^53 in its JSON literals (`...`), which
 * jmespath.js would read as the nearest double: text, exact integer, text, ...
 */
function expressionSegments(expression: string, tokens: Token[]): (string | bigint)[] {
  const segments: (string | bigint)[] = [];
  let done = 0;
  for (const token of tokens) {
    if (token.type !== 'Literal' || expression[token.start] !== '`' || !holdsBigNumber(token.value)) continue;
    const end = literalEnd(expression, token.start);
    for (const number of jsonNumbers(expression, token.start + 1, end)) {
      if (!isBig(Number(number.text))) continue;
      const exact = exactInteger(number.text);
      if (exact === undefined) {
        throw new UsageError(`--query "${expression}": the number ${number.text} is beyond 2^53 and not an integer, which JMESPath cannot compare exactly`);
      }
      segments.push(expression.slice(done, number.start), exact);
      done = number.start + number.text.length;
    }
  }
  segments.push(expression.slice(done));
  return segments;
}

function holdsBigNumber(value: unknown): boolean {
  if (isBig(value)) return true;
  if (Array.isArray(value)) return value.some(holdsBigNumber);
  return typeof value === 'object' && value !== null && Object.values(value).some(holdsBigNumber);
}

/** Where the literal opened at `start` closes, as jmespath.js's lexer reads it (\` and \\ escaped). */
function literalEnd(expression: string, start: number): number {
  let index = start + 1;
  while (index < expression.length && expression[index] !== '`') {
    index += expression[index] === '\\' && (expression[index + 1] === '\\' || expression[index + 1] === '`') ? 2 : 1;
  }
  return index;
}

const JSON_NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The number tokens of JSON text between start and end, strings skipped. */
function jsonNumbers(text: string, start: number, end: number): { start: number; text: string }[] {
  const numbers: { start: number; text: string }[] = [];
  let index = start;
  while (index < end) {
    const char = text[index]!;
    if (char === '"') {
      index++;
      while (index < end && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      index++;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      JSON_NUMBER.lastIndex = index;
      const match = JSON_NUMBER.exec(text);
      const token = match?.[0] ?? char;
      if (match) numbers.push({ start: index, text: token });
      index += token.length;
    } else {
      index++;
    }
  }
  return numbers;
}

/** The integer a JSON number denotes exactly (1.5e20 included), or undefined when it has a fraction. */
export function exactInteger(text: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`.replace(/0+$/, '');
  const shift = Number(exponent) - fraction.length + (`${whole}${fraction}`.length - digits.length);
  if (digits === '') return 0n;
  if (shift < 0 || shift > 400) return undefined;
  return BigInt(`${sign}${digits}${'0'.repeat(shift)}`);
}

// jmespath's messages name types by its internal numbers: "expected one of 0,2, received 7"
// (max_by, min_by), "expected 0, received 2" (sort_by over mixed values), and a bare
// "TypeError" when sort_by's first value is neither a number nor a string.
const JMESPATH_TYPES = ['number', 'any', 'string', 'array', 'object', 'boolean', 'expression', 'null', 'array of numbers', 'array of strings'];

function jmespathTypeNames(message: string): string {
  if (message === 'TypeError') return 'expected number or string';
  const name = (code: string): string => JMESPATH_TYPES[Number(code)] ?? 'a value of another type';
  return message.replace(
    /expected (?:one of )?(\d+(?:,\d+)*), received (\w+)$/,
    (_m, codes: string, received: string) => `expected ${codes.split(',').map(name).join(' or ')}, received ${name(received)}`,
  );
}

/**
 * json and ndjson print the result as JSON; on a terminal the control characters JSON leaves
 * raw are \u escapes, as in json output. tsv, csv and table print it as text (queryText.ts).
 */
export function writeQueryResult(result: unknown, output: string, io: IO): void {
  if (output !== 'json' && output !== 'ndjson') {
    writeQueryText(result, output === 'csv' ? 'csv' : 'tsv', io.stdout, io.stdout.isTTY);
    return;
  }
  const write = (json: string): void => io.stdout.write(io.stdout.isTTY ? escapeJsonForTerminal(json) : json);
  if (output === 'ndjson' && Array.isArray(result)) {
    for (const item of result) write(`${stringifyJson(item) ?? 'null'}\n`);
  } else {
    write(`${stringifyJson(result ?? null, output === 'ndjson' ? 0 : 2) ?? 'null'}\n`);
  }
}
