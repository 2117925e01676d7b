// Helpers for bench/run.mjs: run the built CLI as a real process and time it, a loopback
// relay that timestamps every request (for counting round trips), statistics, tables.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/ecsimg.cjs', import.meta.url));
const MAXRSS_PRELOAD = fileURLToPath(new URL('./maxrss.mjs', import.meta.url));
const GNU_TIME = '/usr/bin/time';

/** The env a run gets: nothing from the bench's own environment but PATH. */
export function cliEnv(emulator, endpoint = emulator.endpoint) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: '/nonexistent-home',
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_ENDPOINT: endpoint,
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
  };
}

/**
 * Spawns `node <args>` and resolves when it has exited: wall time from just before spawn to
 * exit, exit code, stdout lines (counted, not kept) and stderr. `spawnedAt` is on the
 * performance.now() clock, so it can be set against the relay's timestamps.
 */
export function timeNode(args, env = { PATH: process.env.PATH ?? '' }) {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    });
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - spawnedAt;
      resolve({ wallMs, spawnedAt, code: code ?? signal, lines, stderr });
    });
  });
}

export function timeCli(argv, env) {
  return timeNode([BIN, ...argv], env);
}

/** Fails the bench loudly when a run did not do what it was meant to. */
export function expectRun(run, what, expectedLines) {
  if (run.code !== 0) throw new Error(`${what}: exit ${run.code}\n${run.stderr}`);
  if (expectedLines !== undefined && run.lines !== expectedLines) {
    throw new Error(`${what}: ${run.lines} lines on stdout, expected ${expectedLines}\n${run.stderr}`);
  }
  return run;
}

export const peakRssMethod = existsSync(GNU_TIME) ? `${GNU_TIME} -v` : 'process.resourceUsage().maxRSS (preload)';

/**
 * Peak RSS in MiB of the CLI run with stdout to /dev/null: `/usr/bin/time -v` when present,
 * else a preload that records process.resourceUsage().maxRSS on exit.
 */
export function peakRss(argv, env) {
  return new Promise((resolve, reject) => {
    const useTime = existsSync(GNU_TIME);
    const rssFile = join(tmpdir(), `ecsimg-bench-maxrss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const nodeArgs = useTime ? [BIN, ...argv] : ['--import', MAXRSS_PRELOAD, BIN, ...argv];
    const [command, args] = useTime ? [GNU_TIME, ['-v', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
    const started = performance.now();
    const child = spawn(command, args, {
      env: useTime ? env : { ...env, ECSIMG_BENCH_MAXRSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let kib;
      if (useTime) {
        kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
        stderr = stderr.replace(/\n\tCommand being timed:[\s\S]*$/, '\n');
      } else if (existsSync(rssFile)) {
        kib = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile, { force: true });
      }
      if (code !== 0 || !Number.isFinite(kib)) {
        reject(new Error(`ecsimg ${argv.join(' ')}: exit ${code}, no peak RSS\n${stderr}`));
        return;
      }
      resolve({ rssMiB: kib / 1024, wallMs });
    });
  });
}

/**
 * An HTTP relay on 127.0.0.1 in front of the emulator that notes when each request came in
 * and when its answer was out, so a run's round trips can be counted from what the client
 * actually did rather than inferred from its wall time.
 */
export async function startRelay(targetEndpoint) {
  const target = new URL(targetEndpoint);
  const agent = new Agent({ keepAlive: true });
  let exchanges = [];
  const server = createServer((req, res) => {
    const start = performance.now();
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => exchanges.push({ start, end: performance.now() }));
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    reset() {
      exchanges = [];
    },
    /** performance.now() of the first request, or undefined */
    firstRequestAt() {
      return exchanges.length === 0 ? undefined : Math.min(...exchanges.map((e) => e.start));
    },
    /** the longest chain of requests each sent only after the previous one was answered */
    roundTrips() {
      return roundTrips(exchanges);
    },
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function roundTrips(exchanges) {
  const sorted = [...exchanges].sort((a, b) => a.start - b.start);
  const depth = [];
  sorted.forEach((exchange, i) => {
    let before = 0;
    for (let j = 0; j < i; j += 1) if (sorted[j].end <= exchange.start) before = Math.max(before, depth[j]);
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each repetition runs every variant once, starting one variant later than the last, so no variant always goes first. */
export async function interleaved(variants, reps, run, onRep = () => undefined) {
  const results = new Map(variants.map((v) => [v, []]));
  for (let rep = 0; rep < reps; rep += 1) {
    onRep(rep);
    for (let k = 0; k < variants.length; k += 1) {
      const variant = variants[(rep + k) % variants.length];
      results.get(variant).push(await run(variant));
    }
  }
  return results;
}

export const ms = (value) => `${Math.round(value)} ms`;
export const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
export const ratio = (value) => `${value.toFixed(2)}×`;
export const spread = (values, unit = ms) => `${unit(median(values))} (${unit(Math.min(...values))}–${unit(Math.max(...values))})`;

/** A Markdown table, padded so that it also reads as a table in a terminal. */
export function table(header, rows) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => `| ${cells.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
