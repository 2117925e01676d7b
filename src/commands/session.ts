// Everything a command needs to talk to the API, resolved from the global options and the
// runtime: region, endpoint per region, credentials (resolved lazily, so --dry-run and
// usage errors never need them), and one API client per endpoint.
import type { EcsApi } from '../api/types.js';
import { resolveCredentials, type ResolvedCredentials } from '../config/credentials.js';
import { renewingCredentials, type RenewingCredentials } from '../config/renewing.js';
import { flagValue } from '../config/context.js';
import { requireProfile } from '../config/profiles.js';
import { resolveEndpoint, resolveRegion, type Resolved } from '../config/region.js';
import { EcsimgError, ExitCode, UsageError } from '../errors.js';
import { noProgress, type Progress } from '../io.js';
import { maskAccessKeyId, scrubText } from '../api/redact.js';
import { proxyAgentFor } from '../net/proxy.js';
import { formatError } from '../output/errorMessage.js';
import { escapeControlChars } from '../output/text.js';
import { createSpinner } from '../progress.js';
import type { Runtime } from '../runtime.js';
import type { GlobalOptions } from './globals.js';
import { isRegionId } from './regionList.js';

export interface Session {
  /** raw --region / env / profile value: one id, a comma list, or 'all'; none is a usage error */
  region(): Resolved;
  /** the same, or undefined when none is configured */
  optionalRegion(): Resolved | undefined;
  /** the regional endpoint; without a region, the central one */
  endpointFor(regionId: string | undefined): string;
  apiFor(regionId: string | undefined): Promise<EcsApi>;
  /** a spinner on stderr when it is a terminal and not --quiet */
  progress(): Progress;
  /** `work` with the spinner from its first request on, cleared when it ends either way */
  withProgress<T>(work: () => Promise<T>): Promise<T>;
  /** the credential values in use, for error reports to blank out */
  secrets(): string[];
  debug(line: string): void;
  warn(line: string): void;
  /** a region's failure on stderr, `ecsimg: <region>: ...`, while the other regions go on */
  reportRegionFailure(regionId: string, error: EcsimgError): void;
  /** an error on stderr as the run's end would print it, for one that is not the last */
  report(error: EcsimgError): void;
}

export function defaultEndpoint(regionId: string | undefined): string {
  return regionId === undefined ? 'https://ecs.aliyuncs.com' : `https://ecs.${regionId}.aliyuncs.com`;
}

/** The region of a regional ECS endpoint (ecs.cn-hangzhou.aliyuncs.com, ecs-vpc.…, ecs-cn-….); undefined for any other host. */
export function regionOfEndpoint(endpoint: string): string | undefined {
  const host = new URL(endpoint).hostname;
  return /^ecs(?:-vpc)?[.-]([a-z0-9-]+)\.aliyuncs\.com$/.exec(host)?.[1];
}

export function createSession(globals: GlobalOptions, runtime: Runtime): Session {
  const { io } = runtime;
  // Every secret any credential source obtains, for debug lines and reports to blank out.
  const secretList = runtime.secrets ?? [];
  let credentials: Promise<RenewingCredentials> | undefined;
  // Debug lines quote what servers sent: credentials (a string to sign names the key) are
  // blanked, and control characters cannot drive the terminal.
  const debug = (line: string): void => {
    if (globals.debug) io.stderr.write(`debug: ${escapeControlChars(scrubText(line, secrets()))}\n`);
  };
  const secrets = (): string[] => [...secretList];
  const errorReport = (error: EcsimgError): string => formatError(error, { debug: globals.debug, quiet: globals.quiet, secrets: secrets() });
  const announce = (found: ResolvedCredentials, what: string): void =>
    debug(`${what}: ${found.source} (AccessKeyId ${maskAccessKeyId(found.credentials.accessKeyId)})`);
  // Once per run, however many regions and endpoints ask (one AssumeRole for --region all).
  const credentialsOnce = (): Promise<RenewingCredentials> =>
    (credentials ??= resolveCredentials(
      { profile: globals.profile },
      {
        ...runtime,
        secrets: secretList,
        timeoutSeconds: globals.timeoutSeconds,
        retries: globals.retries,
        debug: globals.debug ? debug : undefined,
      },
    ).then((found) => {
      announce(found, 'credentials');
      return renewingCredentials(found, (next) => announce(next, 'credentials renewed'));
    }));
  const warn = (line: string): void => io.stderr.write(`warning: ${line}\n`);
  // One spinner per command, so a wait before a retry can show in it. A command that asks
  // for it has it from its first request on: a slow or hung endpoint is never a blank screen.
  let progress: Progress | undefined;
  let progressStarted = false;
  const onWait = (text: string): void => {
    progress?.clear();
    warn(text);
    progress?.update(text);
  };
  const onRetry = (text: string): void => progress?.update(text);
  const startProgress = (endpoint: string): void => {
    if (!progress || progressStarted) return;
    progressStarted = true;
    progress.update(`waiting for ${new URL(endpoint).host}…`);
  };
  // A --profile that does not exist, or a file it cannot be read from, is an error even
  // where nothing else needs the profile (--dry-run with --region): the real run would fail.
  const profile = flagValue(globals.profile, '--profile');
  if (profile !== undefined) requireProfile(profile, '--profile', runtime);
  const explicitEndpoint = resolveEndpoint({ endpoint: globals.endpoint }, runtime);
  if (explicitEndpoint) debug(`endpoint: ${explicitEndpoint.value} (from ${explicitEndpoint.source})`);
  const clients = new Map<string, Promise<EcsApi>>();
  let region: Resolved | undefined;

  const endpointFor = (regionId: string | undefined): string => {
    if (!explicitEndpoint) return defaultEndpoint(regionId);
    const served = regionOfEndpoint(explicitEndpoint.value);
    if (regionId !== undefined && served !== undefined && served !== regionId) {
      // The real API answers a request for another region with an empty list, silently.
      throw new UsageError(
        `the endpoint ${explicitEndpoint.value} (from ${explicitEndpoint.source}) serves ${served}, not ${regionId}; its answer would be an empty list`,
        { hint: `pass --region ${served}, or leave the endpoint unset so each region uses its own` },
      );
    }
    return explicitEndpoint.value;
  };

  return {
    region() {
      if (region === undefined) {
        region = resolveRegion({ region: globals.region, profile: globals.profile }, runtime);
        debug(`region: ${region.value} (from ${region.source})`);
      }
      return region;
    },
    optionalRegion() {
      try {
        return this.region();
      } catch (err) {
        if (err instanceof UsageError) return undefined;
        throw err;
      }
    },
    progress() {
      progress ??= globals.quiet || !io.stderr.animates ? noProgress : createSpinner(io.stderr);
      return progress;
    },
    async withProgress(work) {
      const shown = this.progress();
      try {
        return await work();
      } finally {
        shown.clear();
      }
    },
    endpointFor,
    apiFor(regionId) {
      // Every id is checked where it comes from (--region, DescribeRegions); one that was not
      // would be sent signed, and could move the host ecs.<id>.aliyuncs.com elsewhere.
      if (regionId !== undefined && !isRegionId(regionId)) {
        throw new EcsimgError('unexpected internal error (a bug in ecsimg): an unchecked region id reached a request', ExitCode.internal);
      }
      const endpoint = endpointFor(regionId);
      startProgress(endpoint);
      let client = clients.get(endpoint);
      if (!client) {
        client = Promise.all([credentialsOnce(), import('../api/client.js'), proxyAgentFor(endpoint, runtime.env, { debug, secrets: secretList })]).then(
          ([keys, { createEcsApi }, agent]) =>
            createEcsApi({
              endpoint,
              credentials: keys,
              timeoutSeconds: globals.timeoutSeconds,
              retries: globals.retries,
              debug: globals.debug ? debug : undefined,
              onWait,
              onRetry,
              signal: runtime.signal,
              agent,
            }),
        );
        clients.set(endpoint, client);
      }
      return client;
    },
    secrets,
    debug,
    warn,
    report: (error) => io.stderr.write(errorReport(error)),
    reportRegionFailure: (regionId, error) => io.stderr.write(errorReport(error).replace(/^ecsimg: /, `ecsimg: ${regionId}: `)),
  };
}
