// Builds the commander program: global options, commands, help. Command bodies are imported
// only when their command runs, so --help, --version and usage errors load nothing heavy.
import { Command, Option } from 'commander';
import { ARCHITECTURES, IMAGE_STATUSES, OS_TYPES, OWNER_ALIASES, USAGES } from './api/params.js';
import { UsageError } from './errors.js';
import { findHelpTopic, formatHelpTopic, HELP_TOPICS } from './help/topics.js';
import { OUTPUT_FORMATS } from './output/formats.js';
import type { RawEmulatorFlags } from './commands/emulatorOptions.js';
import type { GlobalOptions, RawGlobalFlags } from './commands/globals.js';
import type { RawListFlags } from './commands/listOptions.js';
import type { RawRegionsFlags } from './commands/regionsOptions.js';
import type { RawWaitFlags } from './commands/waitOptions.js';
import type { Runtime } from './runtime.js';
import { VERSION } from './version.js';


const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** What --region means where it is read: the listings take several, `regions` asks one. */
const REGION_HELP = {
  program: "region id; list, show and wait also take a comma-separated list or 'all'",
  listing: "region id, a comma-separated list, or 'all' (every region DescribeRegions names)",
  regions: 'the region whose endpoint answers (the first of a list; default the central endpoint)',
};

export function addGlobalOptions(command: Command, regionHelp: string = REGION_HELP.listing): Command {
  command
    .addOption(new Option('-r, --region <id>', regionHelp))
    .addOption(new Option('-p, --profile <name>', 'profile in ~/.aliyun/config.json'))
    .addOption(new Option('--endpoint <url>', 'API endpoint (default https://ecs.<region>.aliyuncs.com)'))
    .addOption(new Option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join(', ')} (default table)`))
    .addOption(new Option('--timeout <seconds>', 'per-request timeout (default 10)'))
    .addOption(new Option('--retries <n>', 'retries of a request that may succeed later (default 3)'))
    .addOption(new Option('--debug', 'log requests and responses to stderr, secrets redacted; stack traces'))
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR, TERM=dumb, or stdout not a terminal)'))
    .addOption(new Option('-q, --quiet', 'no spinner, hints or summary line'));
  return command;
}

async function globalsOf(command: Command, env: Runtime['env']): Promise<GlobalOptions> {
  const { parseGlobalOptions } = await import('./commands/globals.js');
  return parseGlobalOptions(command.optsWithGlobals<RawGlobalFlags>(), env);
}

/**
 * Commander reads ecsimg's own options anywhere on the line; a command that has no use for
 * one refuses it rather than ignore it. `uses`: the program options this command reads.
 */
function refuseUnusedGlobals(command: Command, uses: string[] = []): void {
  const program = command.parent!;
  for (const option of program.options) {
    const key = option.attributeName();
    if (uses.includes(key) || program.getOptionValueSource(key) !== 'cli') continue;
    throw new UsageError(`${option.long ?? option.flags} is not an option of ${command.name()}`, {
      hint: `see: ecsimg ${command.name()} --help`,
    });
  }
}

export function buildProgram(runtime: Runtime): Command {
  const { io } = runtime;
  const program = new Command('ecsimg')
    .description('List Alibaba Cloud ECS images: every page, as a table, JSON, NDJSON, CSV or TSV.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Only the help shown as an error (`ecsimg` with no command) comes here; run.ts reports
      // that, like every usage error, as one short message instead of a help dump.
      writeErr: () => undefined,
      outputError: () => undefined,
    })
    .exitOverride()
    .helpCommand(false);
  addGlobalOptions(program, REGION_HELP.program);
  program.addHelpText(
    'after',
    `\nHelp topics (ecsimg help <topic>): ${HELP_TOPICS.map((t) => t.name).join(', ')}\n` +
    examples([
      'ecsimg list --owner system --region cn-hangzhou',
      "ecsimg list --owner self -o json | jq -r '.[].ImageId'",
      'ecsimg emulator   # a local ECS API to try it without an account',
    ]),
  );

  const list = addGlobalOptions(
    program
      .command('list')
      .description('list images (DescribeImages), every page')
      .option('--owner <alias>', `image owner: ${OWNER_ALIASES.join(', ')} (default: system, self and others)`)
      .option('--image-id <ids>', 'image IDs, comma-separated and/or repeated', collect)
      .option('--name <text>', 'image name, fuzzy match by the API')
      .option('--status <list>', `${IMAGE_STATUSES.join(', ')} or all (default Available)`, collect)
      .option('--snapshot-id <id>', 'images made from this snapshot')
      .option('--usage <usage>', `${USAGES.join(', ')}: whether an instance runs the image`)
      .option('--tag <key=value>', 'tag filter, repeatable; key alone matches any value', collect)
      .option('--family <name>', 'image family')
      .option('--os-type <type>', OS_TYPES.join(', '))
      .option('--arch <arch>', ARCHITECTURES.join(', '))
      .option('--instance-type <type>', 'images usable with this instance type')
      .option('--created-after <time>', 'created at or after this ISO date/time (UTC unless a zone is given)')
      .option('--created-before <time>', 'created at or before this ISO date/time')
      .option('--page-size <n>', 'images per request, 1-100 (default 100)')
      .option('--limit <n>', 'stop after n images')
      .option('--allow-incomplete', 'print a listing that stays short of TotalCount, with a warning, instead of failing (exit 4)')
      .option('--concurrency <n>', 'requests in flight at once (default 8)')
      .option('--columns <names>', 'fields to print, comma-separated (json/ndjson keep only these)')
      .option('--no-header', 'no header row in table/csv/tsv')
      .option('--wide', 'table at a terminal: every column, nothing cut (it may wrap)')
      .option('--latest', 'only the newest image by CreationTime (with several regions: of each region); none is exit 5')
      .option('--name-regex <re>', 'keep images whose ImageName matches this regular expression')
      .option('--name-exact <name>', 'keep images named exactly this (case-sensitive; sent as ImageName to narrow the request)')
      .option('--name-glob <pattern>', 'keep images whose whole name matches: * any characters, ? one, nothing else special')
      .option('--fail-empty', 'no image matched is exit 5 (for set -e scripts that need at least one)')
      .option('--count', 'print only the number of matching images (one request per region without client-side filters)')
      .option('--sort <fields>', 'sort by fields, comma-separated; -Field for descending')
      .option('--query <jmespath>', 'JMESPath over the JSON array; printed as JSON with -o json/ndjson, as text rows otherwise')
      .option('--dry-run', 'print the request that would be sent, send nothing'),
  );
  list.addHelpText(
    'after',
    examples([
      'ecsimg list --owner system --tag env=prod',
      "ecsimg list --owner self -o json | jq -r '.[] | select(.Size > 40) | .ImageId'",
      'ecsimg list --owner system --name ubuntu_22 -o csv > images.csv',
      "ecsimg list --owner self --name-glob 'web-*-2024????' --fail-empty   # exit 5 when none matches",
      'ecsimg list --owner self --name-exact web-frontend-prod-20241124 --latest -o tsv --columns ImageId --no-header',
      'ecsimg list --owner system --region cn-hangzhou,cn-beijing --count   # one request per region',
      'ecsimg list --owner system --name ubuntu_22_04 --latest --region cn-hangzhou,cn-beijing   # the newest in each region',
      'ecsimg list --owner others --allow-incomplete -o json > images.json   # keep what was found if pages do not add up',
    ]),
  );
  list.action(async (_flags: unknown, command: Command) => {
    const all = command.optsWithGlobals<RawListFlags & RawGlobalFlags>();
    const [{ parseGlobalOptions }, { parseListOptions }] = await Promise.all([
      import('./commands/globals.js'),
      import('./commands/listOptions.js'),
    ]);
    const options = parseListOptions(all, parseGlobalOptions(all, runtime.env));
    if (options.count) (await import('./commands/count.js')).checkCountOptions(options, all.pageSize !== undefined);
    if (options.count && !options.dryRun) {
      const [{ createSession }, { countRun }] = await Promise.all([import('./commands/session.js'), import('./commands/count.js')]);
      await countRun(options, createSession(options.global, runtime), runtime.io, runtime.signal);
      return;
    }
    const [{ createSession }, { listRun }] = await Promise.all([
      import('./commands/session.js'),
      import('./commands/list.js'),
    ]);
    await listRun(options, createSession(options.global, runtime), runtime.io);
  });

  addGlobalOptions(
    program
      .command('show')
      .description('show images by id, every field; or the newest Available image of a family')
      .argument('[image-id...]', 'image ids, e.g. m-bp1g7004ksh0oeuc**** or ubuntu_22_04_x64_20G_alibase_20240926.vhd')
      .option('--family <name>', 'instead of ids: the newest Available image of this image family in each --region (DescribeImageFromFamily)'),
  )
    .addHelpText(
      'after',
      examples([
        'ecsimg show ubuntu_22_04_x64_20G_alibase_20240926.vhd --region cn-hangzhou',
        "ecsimg show m-bp1example -o json | jq '.Tags'",
        'ecsimg show m-bp1example m-2zeexample --region cn-hangzhou,cn-beijing -o csv   # one request per region',
        'ecsimg show --family acs:ubuntu_22_04_x64 --region cn-hangzhou -o json | jq -r .ImageId   # the newest of a family',
        'ecsimg show --family golden-web --region cn-hangzhou,cn-beijing -o json   # one per region; none in a region: exit 5',
      ]),
    )
    .action(async (imageIds: string[], flags: { family?: string }, command: Command) => {
      const global = await globalsOf(command, runtime.env);
      if (flags.family !== undefined) {
        const { parseFamilyRequest, showFamilyRun } = await import('./commands/showFamily.js');
        const family = parseFamilyRequest(flags.family, imageIds);
        const { createSession } = await import('./commands/session.js');
        await showFamilyRun(family, global, createSession(global, runtime), runtime.io);
        return;
      }
      if (imageIds.length === 0) throw new UsageError('show needs image ids, or --family <name>', { hint: 'see: ecsimg show --help' });
      const [{ parseImageIds }, { showRun }] = await Promise.all([import('./commands/validate.js'), import('./commands/show.js')]);
      const ids = parseImageIds('the image ids', imageIds);
      const { createSession } = await import('./commands/session.js');
      await showRun(ids, global, createSession(global, runtime), runtime.io);
    });

  addGlobalOptions(
    program
      .command('wait')
      .description('wait until images reach a status (default Available), then print them; exit 5 not found, 6 --max-wait passed, 7 never will')
      .argument('[image-id...]', 'the images to wait for (any region of --region)')
      .option('--name <exact name>', 'instead of ids: an image of exactly this name in every --region (a CopyImage fan-out)')
      .option('--status <status>', `the status to wait for: ${IMAGE_STATUSES.join(', ')} (default Available)`)
      .option('--max-wait <duration>', 'give up after this long, exit 6: seconds or with s, m, h (default 30m); 0 checks once')
      .option('--interval <duration>', 'time between polls (default 15s)')
      .option('--concurrency <n>', 'requests in flight at once (default 8)')
      .option('--columns <names>', 'fields to print, comma-separated (json/ndjson keep only these)')
      .option('--no-header', 'no header row in table/csv/tsv'),
  )
    .addHelpText(
      'after',
      examples([
        'ecsimg wait m-bp1example --region cn-hangzhou --max-wait 1h',
        'ID=$(ecsimg wait m-bp1example -o tsv --columns ImageId --no-header)',
        'ecsimg wait --name golden-2024 --region cn-hangzhou,cn-beijing,cn-shanghai -o json   # every copy Available',
      ]),
    )
    .action(async (ids: string[], _flags: unknown, command: Command) => {
      const all = command.optsWithGlobals<RawWaitFlags & RawGlobalFlags>();
      const global = await globalsOf(command, runtime.env);
      const { parseWaitOptions } = await import('./commands/waitOptions.js');
      const options = parseWaitOptions(ids, all, global);
      const [{ createSession }, { waitRun }] = await Promise.all([import('./commands/session.js'), import('./commands/wait.js')]);
      await waitRun(options, createSession(global, runtime), runtime.io, runtime.signal);
    });

  addGlobalOptions(
    program
      .command('regions')
      .description('list regions (DescribeRegions), LocalName in the language of the locale (LC_ALL, LC_MESSAGES, LANG)')
      .option('--columns <names>', 'fields for table/csv/tsv (json/ndjson keep only these): RegionId, LocalName, RegionEndpoint, Status')
      .option('--no-header', 'no header row in table/csv/tsv')
      .option('--query <jmespath>', 'JMESPath over the JSON array; printed as JSON with -o json/ndjson, as text rows otherwise'),
    REGION_HELP.regions,
  )
    .addHelpText(
      'after',
      examples([
        'ecsimg regions',
        "ecsimg regions -o json | jq -r '.[].RegionId'",
        'ecsimg regions -o tsv --columns RegionId --no-header   # one region id a line',
        "ecsimg regions --query \"[?starts_with(RegionId, 'cn-')].RegionId\" -o tsv",
        'LANG=ja_JP.UTF-8 ecsimg regions --columns RegionId,LocalName   # names in Japanese',
      ]),
    )
    .action(async (_flags: unknown, command: Command) => {
      const all = command.optsWithGlobals<RawRegionsFlags & RawGlobalFlags>();
      const global = await globalsOf(command, runtime.env);
      const { parseRegionsOptions } = await import('./commands/regionsOptions.js');
      const options = parseRegionsOptions(all, global, runtime.env);
      const [{ createSession }, { regionsRun }] = await Promise.all([
        import('./commands/session.js'),
        import('./commands/regions.js'),
      ]);
      await regionsRun(options, createSession(global, runtime), runtime.io);
    });

  program
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      examples([
        'source <(ecsimg completion bash)',
        'ecsimg completion zsh > "${fpath[1]}/_ecsimg"',
        'ecsimg completion fish > ~/.config/fish/completions/ecsimg.fish',
      ]),
    )
    .action(async (shell: string, _flags: unknown, command: Command) => {
      refuseUnusedGlobals(command);
      const { completionRun } = await import('./commands/completion.js');
      completionRun(shell, program, runtime.io);
    });

  program
    .command('emulator')
    .description('start the local ECS API emulator (with STS, a metadata service and a credentials URI) and print its endpoint and test credentials')
    .option('-r, --region <id>', 'the region the printed environment names (default cn-hangzhou); with --catalogue, also the region of rows without RegionId')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default 8787)')
    .option('--host <address>', 'address to bind (default 127.0.0.1)')
    .option('--images-per-region <n>', 'system images per region')
    .option('--catalogue <file>', 'serve exactly the images in file, written by `ecsimg list --region all --status all -o json`; rows without RegionId go to --region')
    .option('--creating <n:seconds[:failed]>', 'n images per region (creating-1..n) in Creating, Progress rising, Available after seconds; the last failed of them CreateFailed')
    .option('--latency <ms>', 'fault: delay every answer by ms milliseconds')
    .option('--throttle <first:n|p%>', 'fault: Throttling.User for the first n requests (first:3) or a seeded share of them (30%)')
    .option('--fail <n:status>', 'fault: JSON error for the next n requests, status 500 (InternalError) or 503 (ServiceUnavailable), e.g. 2:503')
    .option('--html-errors <status|n:status>', 'fault: an nginx HTML page, 502 or 503, for every request (502) or the next n (1:502)')
    .option('--hang-after <n>', 'fault: answer n requests, then accept the rest and never answer')
    .option('--retry-after <ms>', 'fault: send x-acs-retry-after: ms with throttled and 5xx answers')
    .option('--churn <after:add:remove>', 'fault: after that many DescribeImages requests, a region gains add newest images and loses remove, e.g. 1:5:3')
    .option(
      '--paging-fault <kind>',
      'fault: DescribeImages pages that do not add up: short-page:<n>, empty-page:<n>, lost-image:<n>, ignore-page-number, overlap:<n>, duplicate-in-page, total-count-lies:+<n>',
    )
    .option('--bad-regions', 'fault: DescribeRegions also lists entries that are not region ids (5, null, none, evil.example.com#) and a region twice')
    .option('--fault-regions <ids>', 'apply the fault flags above only to these regions, comma-separated')
    .option('--expired-credentials', 'fault: STS, metadata service and credentials URI hand out credentials already expired (the ECS API refuses them)')
    .option('--credentials-ttl <s>', 'fault: STS, metadata service and credentials URI hand out credentials that expire in s seconds')
    .option('--assume-role-denied', 'fault: AssumeRole answers NoPermission, AssumeRoleWithOIDC AuthenticationFail.NoPermission')
    .option('--imds-v2-only', 'the metadata service refuses requests without a session token (IMDSv2 only), 403')
    .option('--down <services>', 'fault: these services (sts, metadata, credentials-uri) answer 503, or with :close close the connection, e.g. metadata:close,sts')
    .addHelpText(
      'after',
      examples([
        'ecsimg emulator --port 8787 > /tmp/ecsimg-emulator.env &   # then: . /tmp/ecsimg-emulator.env',
        'ecsimg emulator --throttle first:2 --retry-after 500   # throttled twice, then served',
        'ecsimg emulator --fail 3:503 --fault-regions cn-beijing',
        'ecsimg emulator --imds-v2-only --down sts:close   # IMDSv2 only; STS unreachable',
        'ecsimg emulator --catalogue images.json   # replay what list --region all --status all -o json recorded',
        'ecsimg emulator --paging-fault lost-image:2   # a listing then stays one image short: exit 4',
        'ecsimg emulator --creating 2:30:1   # creating-1 Available and creating-2 CreateFailed after 30 s, in every region',
      ]),
    )
    .action(async (flags: RawEmulatorFlags, command: Command) => {
      refuseUnusedGlobals(command, ['region']);
      const { parseEmulatorOptions } = await import('./commands/emulatorOptions.js');
      const options = parseEmulatorOptions(flags, command.optsWithGlobals<RawGlobalFlags>().region);
      const { emulatorRun } = await import('./commands/emulator.js');
      await emulatorRun(options, runtime);
    });

  program
    .command('help')
    .description(`help for a command, or a topic: ${HELP_TOPICS.map((t) => t.name).join(', ')}`)
    .argument('[command]', 'a command or a help topic')
    .addHelpText('after', examples(['ecsimg help exit-codes', 'ecsimg help environment', 'ecsimg help list']))
    .action((name: string | undefined) => {
      if (name === undefined) program.help();
      const command = program.commands.find((c) => c.name() === name);
      if (command) command.help();
      const topic = findHelpTopic(name!);
      if (topic === undefined) {
        throw new UsageError(`unknown command or help topic '${name}'`, {
          hint: `commands: ${program.commands.map((c) => c.name()).join(', ')}; topics: ${HELP_TOPICS.map((t) => t.name).join(', ')}`,
        });
      }
      io.stdout.write(formatHelpTopic(topic, io.stdout.columns ?? 80));
    });

  return program;
}
