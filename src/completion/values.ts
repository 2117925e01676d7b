// What a flag's value (or a command's argument) completes to. One map, built from the same
// constants the option parsers validate against, so the two cannot disagree.
import { ARCHITECTURES, IMAGE_STATUSES, OS_TYPES, OWNER_ALIASES, USAGES } from '../api/params.js';
import { REGION_FIELDS } from '../commands/regionsOptions.js';
import { REGIONS } from '../emulator/regions.js';
import { IMAGE_FIELDS } from '../output/columns.js';
import { OUTPUT_FORMATS } from '../output/formats.js';
import { COMPLETION_SHELLS } from './shells.js';

export type ValueSource =
  /**
   * fixed words; `list`: a comma-separated list, so the last item is completed;
   * `descending`: an item may start with `-` (--sort -CreationTime)
   */
  | { kind: 'words'; words: readonly string[]; list?: boolean; descending?: boolean }
  /** profile names in ~/.aliyun/config.json, read by the script at completion time */
  | { kind: 'profiles' }
  /** the program's command names (`ecsimg help <command>`) */
  | { kind: 'commands' };

/**
 * Region IDs offered for --region: built in, because completion must be instant and must
 * not call the network (`ecsimg regions` lists the live ones).
 */
export const REGION_IDS: readonly string[] = Object.freeze([
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-qingdao',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-hongkong',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-south-1',
  'us-east-1',
  'us-west-1',
  'eu-west-1',
  'eu-central-1',
  'me-east-1',
  'me-central-1',
]);

/** Keyed by long flag; a flag not here takes free text, and its value completes to nothing. */
export const OPTION_VALUES: Readonly<Record<string, ValueSource>> = Object.freeze({
  '--owner': { kind: 'words', words: OWNER_ALIASES },
  '--status': { kind: 'words', words: [...IMAGE_STATUSES, 'all'], list: true },
  '--output': { kind: 'words', words: OUTPUT_FORMATS },
  '--arch': { kind: 'words', words: ARCHITECTURES },
  '--os-type': { kind: 'words', words: OS_TYPES },
  '--usage': { kind: 'words', words: USAGES },
  '--columns': { kind: 'words', words: IMAGE_FIELDS, list: true },
  '--sort': { kind: 'words', words: IMAGE_FIELDS, list: true, descending: true },
  '--region': { kind: 'words', words: [...REGION_IDS, 'all'], list: true },
  // only the regions the emulator serves: --fault-regions refuses others
  '--fault-regions': { kind: 'words', words: REGIONS.map((r) => r.RegionId), list: true },
  '--profile': { kind: 'profiles' },
});

/** Keyed by `<command> <long flag>`: where a command's flag takes other values than OPTION_VALUES says. */
export const COMMAND_OPTION_VALUES: Readonly<Record<string, ValueSource>> = Object.freeze({
  'regions --columns': { kind: 'words', words: REGION_FIELDS, list: true },
});

/** Keyed by `<command> <argument name>`. */
export const ARGUMENT_VALUES: Readonly<Record<string, ValueSource>> = Object.freeze({
  'completion shell': { kind: 'words', words: COMPLETION_SHELLS },
  'help command': { kind: 'commands' },
});
