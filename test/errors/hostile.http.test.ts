// Answers no ECS endpoint sends, over real HTTP through the real pop-core: valid JSON of the
// wrong shape, nesting deeper than any answer, invalid HTTP, answers past the size bound,
// waits past the retry-after bound. Each is a service failure (exit 4) in one readable line,
// never "a bug in ecsimg" (exit 1), never a stack trace or a URL (issue 11, SPEC section 5).
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { httpAnswer, startHostileServer, type HostileAnswer, type HostileServer } from '../support/hostileServer.js';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runAgainst(argv: string[], answer: (n: number) => HostileAnswer): Promise<RunResult> {
  server = await startHostileServer(answer);
  return runInProcess(argv, {
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tExampleKeyId',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'ExampleSecretExampleSecret',
      ALIBABA_CLOUD_ECS_ENDPOINT: server.endpoint,
      ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    },
  });
}

const page = (images: unknown, extra: object = {}): string =>
  JSON.stringify({ RequestId: 'REQ-1', TotalCount: Array.isArray(images) ? images.length : 1, PageNumber: 1, PageSize: 100, Images: { Image: images }, ...extra });

const IMAGE = { ImageId: 'm-hostile01', ImageName: 'hostile', CreationTime: '2024-01-01T00:00:00Z' };

/** Exit 4, nothing on stdout, a first line matching `message`, no trace, no URL. */
function expectServiceFailure(result: RunResult, message: RegExp): void {
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ecsimg: /);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).toContain(new URL(server!.endpoint).host);
  // the hint, a request-id or code: never a stack trace, never pop-core's message with the URL
  expect(lines.slice(1).every((line) => /^ {2}(hint|request-id|code): /.test(line))).toBe(true);
  expect(result.stderr).not.toMatch(/http:\/\/|\bat .*\.(ts|js):\d+|unexpected (internal )?error|\bbug\b/);
  expect(result.code).toBe(4);
}

describe('valid JSON that is no ECS answer', () => {
  it.each([
    ['a body of null', 'null', /^ecsimg: unexpected answer to DescribeImages from [\d.:]+: not a JSON object$/],
    ['a body that is an array', '[]', /an array, not a JSON object$/],
    ['a body that is a string', '"images"', /a string, not a JSON object$/],
    ['Images.Image holding numbers', page([1, 2]), /: Images\.Image\[0\] is a number, not an object$/],
    ['Images.Image holding strings', page([IMAGE, 'm-1']), /: Images\.Image\[1\] is a string, not an object$/],
    ['Images.Image holding null', page([null]), /: Images\.Image\[0\] is null, not an object$/],
    ['Images.Image holding arrays', page([[IMAGE]]), /: Images\.Image\[0\] is an array, not an object$/],
    ['an image without an ImageId', page([{ ImageName: 'x' }]), /: Images\.Image\[0\] has no ImageId$/],
  ])('list, %s: exit 4', async (_name, body, message) => {
    const result = await runAgainst(['list', '-o', 'json', '--retries', '0'], () => httpAnswer(body));
    expectServiceFailure(result, message);
  });

  it.each([
    ['null', [null]],
    ['a number', [5]],
    ['an array', [[]]],
  ])('show, an image that is %s: exit 4, not "not found" or a crash', async (what, images) => {
    const result = await runAgainst(['show', 'm-hostile01', '--retries', '0'], () => httpAnswer(page(images)));
    expectServiceFailure(result, new RegExp(`^ecsimg: unexpected answer to DescribeImages from .*: Images\\.Image\\[0\\] is ${what}, not an object$`));
  });

  it.each([
    ['a number', [5]],
    ['null', [{ RegionId: 'cn-hangzhou' }, null]],
    ['an array', [['cn-hangzhou']]],
  ])('regions, a region that is %s: exit 4', async (what, regions) => {
    const body = JSON.stringify({ RequestId: 'REQ-2', Regions: { Region: regions } });
    const result = await runAgainst(['regions', '--retries', '0'], () => httpAnswer(body));
    expectServiceFailure(result, new RegExp(`^ecsimg: unexpected answer to DescribeRegions from .*: Regions\\.Region\\[\\d\\] is ${what}, not an object$`));
  });

  it('list --region all, DescribeRegions answering regions that are no objects: exit 4', async () => {
    const body = JSON.stringify({ RequestId: 'REQ-3', Regions: { Region: ['cn-hangzhou'] } });
    const result = await runAgainst(['list', '--region', 'all', '--retries', '0'], () => httpAnswer(body));
    expectServiceFailure(result, /^ecsimg: unexpected answer to DescribeRegions from .*: Regions\.Region\[0\] is a string, not an object$/);
  });
});

describe('a TotalCount or an error that contradicts the answer', () => {
  it.each([
    ['negative', page([IMAGE], { TotalCount: -5 }), /: TotalCount -5 is not a count$/],
    ['fractional', page([IMAGE], { TotalCount: 1.5 }), /: TotalCount 1\.5 is not a count$/],
    ['smaller than the page it comes with', page([IMAGE, { ...IMAGE, ImageId: 'm-hostile02' }], { TotalCount: 0 }), /: 2 images in a page, but TotalCount 0$/],
  ])('list, show: a TotalCount that is %s is exit 4, not a short listing with exit 0', async (_name, body, message) => {
    expectServiceFailure(await runAgainst(['list', '-o', 'json', '--retries', '0'], () => httpAnswer(body)), message);
    await server?.close();
    expectServiceFailure(await runAgainst(['show', 'm-hostile01', '--retries', '0'], () => httpAnswer(body)), message);
  });

  it.each([
    ['200 OK', 'HTTP 200'],
    ['307 Temporary Redirect', 'a redirect'],
  ])('an error body with an unknown Code and HTTP %s is a service failure (exit 4), not a bad request', async (status) => {
    const body = JSON.stringify({ RequestId: 'REQ-4', Code: 'Odd.Code', Message: 'odd words' });
    const result = await runAgainst(['list', '-o', 'json', '--retries', '0'], () => httpAnswer(body, {}, status));
    expect(result).toMatchObject({ code: 4, stdout: '' });
    expect(result.stderr).toMatch(/^ecsimg: DescribeImages failed: odd words\n/);
  });
});

describe('JSON nested deeper than any answer', () => {
  it.each([
    // json-bigint parses these, and what reads them after (debug excerpts, formatters) recursed
    ['5,000 arrays', '['.repeat(5000) + ']'.repeat(5000)],
    // json-bigint itself overflows the stack
    ['100,000 objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['an image field 100 levels deep', page([{ ...IMAGE, Extra: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown }])],
  ])('%s: exit 4', async (_name, body) => {
    const result = await runAgainst(['list', '-o', 'json', '--retries', '0'], () => httpAnswer(body));
    expectServiceFailure(result, /^ecsimg: unexpected answer to DescribeImages from .*: JSON nested too deeply to read$/);
  });
});

describe('answers that are not valid HTTP', () => {
  it.each([
    ['an invalid status line', 'HTTP/1.1 2OO OK\r\ncontent-length: 2\r\n\r\n{}', /did not answer with valid HTTP$/],
    ['no HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n', /did not answer with valid HTTP$/],
    // Node ends the body it had begun as a reset connection
    ['a broken chunked body', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', /the connection to .* was reset$/],
    ['a header of 2 MB', httpAnswer(page([IMAGE]), { 'x-padding': 'a'.repeat(2_000_000) }), /has more header data than ecsimg reads \(16 KiB\)$/],
  ])('%s: exit 4', async (_name, answer, message) => {
    const result = await runAgainst(['list', '--retries', '0'], () => answer);
    expectServiceFailure(result, message);
  });
});

describe('the size bound on one answer', () => {
  it('asks for no compression, and still reads a gzip answer sent unasked', async () => {
    const body = gzipSync(page([IMAGE]));
    const result = await runAgainst(['list', '-o', 'json'], () => httpAnswer(body, { 'content-encoding': 'gzip' }));
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as Image[]).map((i) => i.ImageId)).toEqual(['m-hostile01']);
    expect(server!.requests[0]).toMatch(/^accept-encoding: identity$/im);
  });

  it('a gzip answer of 40 KB that inflates past 32 MiB: exit 4', async () => {
    // Valid JSON once inflated: without the bound it is read, parsed and printed. gzip
    // members concatenated inflate to their texts concatenated: cheap to build.
    const [head, tail] = page([{ ...IMAGE, Description: '<>' }]).split('<>') as [string, string];
    const mebibyte = gzipSync('a'.repeat(2 ** 20));
    const body = Buffer.concat([gzipSync(head), ...Array<Buffer>(40).fill(mebibyte), gzipSync(tail)]);
    expect(body.length).toBeLessThan(100_000);
    const result = await runAgainst(['list', '-o', 'json', '--retries', '0'], () => httpAnswer(body, { 'content-encoding': 'gzip' }));
    expectServiceFailure(result, /^ecsimg: the answer from [\d.:]+ is larger than ecsimg accepts \(32 MiB, after decompression\)$/);
  });

  it('an answer of 100 MiB is cut off at the bound, not read whole', async () => {
    const size = 100 * 2 ** 20;
    const head = `{"RequestId":"REQ-4","TotalCount":1,"Images":{"Image":[{"ImageId":"m-1","Description":"`;
    const tail = '"}]}}';
    let written = 0;
    const result = await runAgainst(['list', '-o', 'json', '--retries', '0'], () => (socket) => {
      socket.write(httpAnswer('', { 'content-length': String(size) }));
      const chunk = Buffer.alloc(2 ** 20, 'a');
      const body = Readable.from(
        (function* () {
          yield Buffer.from(head);
          for (let sent = head.length + tail.length; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
          yield Buffer.from(tail);
        })(),
      );
      body.on('data', (data: Buffer) => (written += data.length));
      body.pipe(socket);
      socket.on('close', () => body.destroy());
    });
    expectServiceFailure(result, /is larger than ecsimg accepts \(32 MiB/);
    // the bound plus what the socket buffers held when the client hung up
    expect(written).toBeLessThan(48 * 2 ** 20);
  });

  it('an answer cut short by the server fails at once, no hang', async () => {
    const started = Date.now();
    const result = await runAgainst(['list', '--retries', '0', '--timeout', '30'], () => (socket) => {
      socket.end(httpAnswer('{"RequestId":', { 'content-length': '1000' }).subarray(0, -1));
    });
    expectServiceFailure(result, /connection to .* was reset/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('x-acs-retry-after', () => {
  const unavailable = (retryAfterMs: number): Buffer =>
    httpAnswer(JSON.stringify({ RequestId: 'REQ-5', Code: 'ServiceUnavailable', Message: 'busy' }), { 'x-acs-retry-after': String(retryAfterMs) }, '503 Service Unavailable');

  it('a wait past the bound (10^12 ms) fails at once, naming the wait asked for', async () => {
    const started = Date.now();
    const result = await runAgainst(['list'], () => unavailable(1e12));
    expectServiceFailure(result, /the server asked to wait 11574 days before trying again, more than ecsimg waits for one request \(60 s in all\)$/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server!.requests).toHaveLength(1);
  });

  it('a wait of more than a second is announced on stderr, then the retry succeeds', async () => {
    const result = await runAgainst(['list', '-o', 'json'], (n) => (n === 0 ? unavailable(1100) : httpAnswer(page([IMAGE]))));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    const host = new URL(server!.endpoint).host;
    expect(result.stderr).toBe(
      `warning: DescribeImages to ${host} failed with ServiceUnavailable; waiting 1.1 s as the server asked (retry 1 of 3)\n`,
    );
  });
});

describe('--endpoint and ALIBABA_CLOUD_ECS_ENDPOINT in any letter case', () => {
  const emulator = useEmulator();
  const shouted = (): string => emulator.current.endpoint.replace(/^http:/, 'HTTP:');

  it.each([
    ['--endpoint', (endpoint: string) => ({ argv: ['--endpoint', endpoint], env: {} })],
    ['ALIBABA_CLOUD_ECS_ENDPOINT', (endpoint: string) => ({ argv: [], env: { ALIBABA_CLOUD_ECS_ENDPOINT: endpoint } })],
  ])('%s HTTP://...: --dry-run shows the endpoint a live run then uses', async (_name, given) => {
    const { argv, env } = given(shouted());
    const options = { env: emulator.env(env) };
    const dryRun = await runInProcess(['list', '--dry-run', ...argv], options);
    expect(dryRun.code).toBe(0);
    expect((JSON.parse(dryRun.stdout) as { Endpoint: string }[])[0]!.Endpoint).toBe(emulator.current.endpoint);
    const live = await runInProcess(['list', '-o', 'json', '--owner', 'self', ...argv], options);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    expect((JSON.parse(live.stdout) as Image[]).length).toBeGreaterThan(0);
  });
});

describe('show --family: answers no DescribeImageFromFamily sends', () => {
  it.each([
    ['a body of null', 'null', /^ecsimg: unexpected answer to DescribeImageFromFamily from [\d.:]+: not a JSON object$/],
    ['an Image that is null', JSON.stringify({ RequestId: 'R', Image: null }), /: Image is null, not an object$/],
    ['an Image that is a string', JSON.stringify({ RequestId: 'R', Image: 'm-1' }), /: Image is a string, not an object$/],
    ['an Image that is an array', JSON.stringify({ RequestId: 'R', Image: [IMAGE] }), /: Image is an array, not an object$/],
    ['an ImageId that is a number', JSON.stringify({ RequestId: 'R', Image: { ImageId: 5 } }), /: Image\.ImageId is a number, not a string$/],
  ])('%s: exit 4 naming the action and host', async (_name, body, message) => {
    const result = await runAgainst(['show', '--family', 'web-family', '--retries', '0'], () => httpAnswer(body));
    expectServiceFailure(result, message);
  });

  it.each([
    ['no Image', { RequestId: 'R' }],
    ['an empty Image', { RequestId: 'R', Image: {} }],
    ['an Image without ImageId', { RequestId: 'R', Image: { IsCopied: false, Tags: { Tag: [] } } }],
  ])('%s is the family having none: exit 5', async (_name, body) => {
    const result = await runAgainst(['show', '--family', 'web-family', '--retries', '0'], () => httpAnswer(JSON.stringify(body)));
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^ecsimg: image family "web-family" has no Available image in cn-hangzhou\n/);
  });
});
