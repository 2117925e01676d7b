// `ecsimg help <topic>`: what a runbook author looks up. The man page is built from the same
// text, so the two never disagree.

export interface HelpTopic {
  name: string;
  summary: string;
  /** term -> meaning, printed as an aligned list */
  entries: [string, string][];
  /** a paragraph after the list */
  note?: string;
}

export const HELP_TOPICS: readonly HelpTopic[] = [
  {
    name: 'exit-codes',
    summary: 'what each exit status means',
    entries: [
      ['0', 'success, including an empty result'],
      ['1', 'a bug in ecsimg (report it with --debug output), or the output could not be written (a full disk)'],
      ['2', 'usage or invalid input: bad flag or value, unknown profile or region, an API error that means the request was wrong'],
      ['3', 'credentials and permission: none found, rejected key or signature, expired token, missing RAM permission, clock skew'],
      ['4', 'the service or the network failed after retries: throttling, 5xx, malformed answers, timeouts, refused connections, DNS, proxy'],
      ['5', 'nothing matched where something was asked for: show of a missing id or of a family with no Available image, list --latest or --fail-empty with no match, wait for an image not found after the grace polls'],
      ['6', 'wait: --max-wait passed before every image reached the wanted status'],
      ['7', 'wait: an image reached a status it cannot leave for the wanted one (CreateFailed, ...)'],
      ['130', 'interrupted (Ctrl-C)'],
    ],
    note: 'Every error is one message on stderr, followed by hint:, code: and request-id: lines where they apply (quote the request-id to Alibaba Cloud support); stdout carries data only.',
  },
  {
    name: 'environment',
    summary: 'environment variables ecsimg reads',
    entries: [
      ['ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'an AccessKey (Terraform: ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY)'],
      ['ALIBABA_CLOUD_SECURITY_TOKEN', 'STS token with the key above (Terraform: ALICLOUD_SECURITY_TOKEN)'],
      ['ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'OIDC role (ACK RRSA, CI); ALIBABA_CLOUD_ROLE_SESSION_NAME names the session'],
      ['ALIBABA_CLOUD_PROFILE', 'profile of ~/.aliyun/config.json or section of ~/.alibabacloud/credentials'],
      ['ALIBABA_CLOUD_CREDENTIALS_FILE', 'credentials file instead of ~/.alibabacloud/credentials'],
      ['ALIBABA_CLOUD_ECS_METADATA', 'instance RAM role name for the metadata service'],
      ['ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true: never ask the instance metadata service'],
      ['ALIBABA_CLOUD_IMDSV1_DISABLED', 'true: no IMDSv1 fallback when IMDSv2 gives no token'],
      ['ALIBABA_CLOUD_CREDENTIALS_URI', 'a URL that hands out credentials'],
      ['ALIBABA_CLOUD_STS_ENDPOINT, ALIBABA_CLOUD_STS_REGION, ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED', 'where STS requests go'],
      ['ALIBABA_CLOUD_REGION_ID', 'region when --region is not given (Terraform: ALICLOUD_REGION)'],
      ['ALIBABA_CLOUD_ECS_ENDPOINT', 'ECS API endpoint when --endpoint is not given'],
      ['ECSIMG_OUTPUT', 'output format when -o is not given: table, json, ndjson, csv or tsv'],
      ['HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'proxy for API and STS requests (lower case too)'],
      ['NO_COLOR, FORCE_COLOR=0', 'no colour'],
      ['TERM=dumb', 'no colour, ASCII table borders, no spinner'],
      ['CI', 'set to anything: no spinner on a terminal (wait prints a line per change of status)'],
      ['LC_ALL, LC_MESSAGES, LANG', 'language of the regions LocalName column: zh* Chinese, ja* Japanese, otherwise English'],
      ['ECSIMG_METADATA_ENDPOINT', 'metadata service address, for tests and the emulator only'],
    ],
    note: 'Flags win over the environment; there is deliberately no flag that takes a secret.',
  },
  {
    name: 'formats',
    summary: 'output formats (-o)',
    entries: [
      ['table', 'the default: aligned columns; on a terminal a box, colour, long values cut; off a terminal plain columns, nothing cut'],
      ['json', 'one JSON array of images, API field names and values untouched; --columns keeps only those fields'],
      ['ndjson', 'one compact image object per line, streamed page by page'],
      ['csv', 'RFC 4180, header row'],
      ['tsv', 'tab-separated, header row; tabs and newlines in values written as \\t and \\n'],
    ],
    note:
      'json, csv, tsv and table print nothing unless the whole listing succeeded; ndjson may have printed pages before a failure. ' +
      'list --query takes a JMESPath expression. With json or ndjson its result prints as JSON; with tsv, csv or a table ' +
      'off a terminal it prints as text, as `aws --output text` does: a scalar on a line, a list of scalars one per line, ' +
      'a list of lists or objects one row per item. ECSIMG_OUTPUT sets the default format.',
  },
];

export function findHelpTopic(name: string): HelpTopic | undefined {
  return HELP_TOPICS.find((topic) => topic.name === name);
}

/** A topic as `ecsimg help <topic>` prints it. */
export function formatHelpTopic(topic: HelpTopic, width = 80): string {
  const termWidth = Math.min(Math.max(...topic.entries.map(([term]) => term.length)), 24);
  const lines = [`${topic.name}: ${topic.summary}`, ''];
  for (const [term, meaning] of topic.entries) {
    if (term.length > termWidth) lines.push(`  ${term}`, ...wrap(meaning, width - termWidth - 4).map((l) => `  ${' '.repeat(termWidth)}  ${l}`));
    else lines.push(...wrap(meaning, width - termWidth - 4).map((l, i) => `  ${(i === 0 ? term : '').padEnd(termWidth)}  ${l}`));
  }
  if (topic.note) lines.push('', ...wrap(topic.note, width));
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}
