// A deterministic, realistic image catalogue per region, generated lazily from seeded
// randomness: public system images named as Alibaba Cloud names them, custom images with
// tags and awkward names, shared images and marketplace images.

import {
  CUSTOM_OS,
  MARKETPLACE_NAMES,
  MARKETPLACE_OWNER_IDS,
  OWNERS,
  SELF_APPS,
  SHARED_NAMES,
  SHARED_OWNER_IDS,
  SYSTEM_TEMPLATES,
  TEAMS,
  type OsInfo,
} from './image-templates.js';
import { createRandom, type Random } from './prng.js';
import { REGIONS, regionIdPrefix } from './regions.js';
import type {
  Catalogue,
  CatalogueDiskDeviceMapping,
  CatalogueImage,
  CatalogueRegion,
  CatalogueTag,
  ImageStatus,
  ImageUsage,
  RecordedCatalogue,
  ServedImage,
} from './types.js';

export const DEFAULT_IMAGES_PER_REGION = 336;
/** the account that owns the `self` images: beyond 2^53, as some real UIDs are */
export const SELF_OWNER_ID = 1688123456789012345n;

const DAY_MS = 86_400_000;
/** newest release day of any generated image; fixed so every run is the same */
const NEWEST_MS = Date.UTC(2025, 8, 30);
const OLDEST_CUSTOM_MS = Date.UTC(2023, 0, 1);
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
// shared by the (many) system images: no per-image copies of empty lists
const NO_TAGS: CatalogueImage['Tags'] = Object.freeze({ Tag: Object.freeze([]) });
const NO_DISKS: CatalogueImage['DiskDeviceMappings'] = Object.freeze({ DiskDeviceMapping: Object.freeze([]) });
const NVME_SUPPORTED = Object.freeze({ NvmeSupport: 'supported' });
const NVME_UNSUPPORTED = Object.freeze({ NvmeSupport: 'unsupported' });

export class ImageCatalogue implements Catalogue {
  private readonly systemImagesPerRegion: number;
  private readonly byRegion = new Map<string, ServedImage[]>();
  private readonly churnRounds = new Map<string, number>();
  /** a user's recorded images (--catalogue), served instead of generated ones */
  private readonly recorded: RecordedCatalogue | undefined;
  private readonly regionList: readonly CatalogueRegion[];

  constructor(imagesPerRegion = DEFAULT_IMAGES_PER_REGION, recorded?: RecordedCatalogue) {
    if (!Number.isInteger(imagesPerRegion) || imagesPerRegion < 0) throw new Error(`imagesPerRegion must be a non-negative integer, got ${imagesPerRegion}`);
    this.systemImagesPerRegion = imagesPerRegion;
    this.recorded = recorded;
    this.regionList = recorded ? [...recorded.keys()].map(recordedRegion) : REGIONS;
  }

  regions(): readonly CatalogueRegion[] {
    return this.regionList;
  }

  hasRegion(regionId: string): boolean {
    return this.regionList.some((r) => r.RegionId === regionId);
  }

  /** With a recorded catalogue, the file's images as given: fields the file lacks are absent. */
  images(regionId: string): readonly CatalogueImage[] {
    return [...this.sorted(regionId)] as CatalogueImage[];
  }

  /** The region's images in API order, without a copy: for the query code only. */
  sorted(regionId: string): readonly ServedImage[] {
    let list = this.byRegion.get(regionId);
    if (!list) {
      if (!this.hasRegion(regionId)) throw new Error(`emulator catalogue: unknown region ${regionId}`);
      // recorded images keep the file's order, which is the order the real API gave them
      list = this.recorded ? [...(this.recorded.get(regionId) ?? [])] : generateRegion(regionId, this.systemImagesPerRegion);
      this.byRegion.set(regionId, list);
    }
    return list;
  }

  /**
   * The catalogue changes while a client pages: `add` custom images newer than all others
   * appear first, and the `remove` newest images a default listing shows disappear.
   */
  churn(regionId: string, add: number, remove: number): void {
    const round = (this.churnRounds.get(regionId) ?? 0) + 1;
    this.churnRounds.set(regionId, round);
    const random = createRandom(`churn:${regionId}:${round}`);
    const current = this.sorted(regionId);
    const taken = new Set(current.map((i) => i.ImageId));
    const added: ServedImage[] = [];
    for (let j = 0; j < add; j++) {
      const id = uniqueId(random, 'm-', regionId, taken);
      const time = NEWEST_MS + DAY_MS + (round * 1000 + add - j) * 60_000;
      added.push(customImage(random, regionId, {
        id,
        name: `churn-new-${round}-${j + 1}`,
        description: 'appeared while a client was paging',
        owner: 'self',
        creationMs: time,
        tags: [{ TagKey: 'env', TagValue: 'dev' }],
      }));
    }
    let toRemove = remove;
    const kept = current.filter((image) => {
      if (toRemove > 0 && image.Status === 'Available' && image.ImageOwnerAlias !== 'marketplace') {
        toRemove--;
        return false;
      }
      return true;
    });
    this.byRegion.set(regionId, [...added, ...kept]);
  }

  /**
   * A new image of the account in `regionId`, created at `nowMs` (so the newest), not yet
   * in the catalogue: `put` adds it. Seeded by `seed`, so the same call gives the same image.
   */
  newImage(regionId: string, nowMs: number, seed: string, spec: NewImageSpec): CatalogueImage {
    const random = createRandom(`added:${regionId}:${seed}`);
    const taken = new Set(this.sorted(regionId).map((i) => i.ImageId));
    const id = spec.id ?? uniqueId(random, 'm-', regionId, taken);
    return customImage(random, regionId, {
      id,
      name: spec.name,
      description: spec.description ?? '',
      owner: 'self',
      creationMs: nowMs,
      status: spec.status,
      progress: spec.progress,
      family: spec.family,
      usage: 'none',
    });
  }

  /** Adds `image` to the region in API order; a new list, so no cached match is stale. */
  put(regionId: string, image: ServedImage): void {
    const list = this.sorted(regionId).filter((i) => i.ImageId !== image.ImageId);
    list.push(image);
    this.byRegion.set(regionId, list.sort((a, b) => compareImages(a as CatalogueImage, b as CatalogueImage)));
  }

  /** The image `imageId` of the regions served so far (or of `regionId`), with its region. */
  find(imageId: string, regionId?: string): { regionId: string; image: ServedImage } | undefined {
    if (regionId !== undefined) this.sorted(regionId);
    for (const [id, list] of this.byRegion) {
      if (regionId !== undefined && id !== regionId) continue;
      const image = list.find((i) => i.ImageId === imageId);
      if (image) return { regionId: id, image };
    }
    return undefined;
  }

  /** Replaces fields of one image (a new object in a new list); false when it is not there. */
  update(regionId: string, imageId: string, fields: Partial<Pick<CatalogueImage, 'Status' | 'Progress'>>): boolean {
    const list = this.sorted(regionId);
    const index = list.findIndex((i) => i.ImageId === imageId);
    if (index === -1) return false;
    const next = [...list];
    const image = list[index]!;
    // An image's disks are copied with it: their Progress is the image's.
    const mappings = image.DiskDeviceMappings;
    const disks = fields.Progress === undefined || mappings === undefined ? {} : { DiskDeviceMappings: withDiskProgress(mappings, fields.Progress) };
    next[index] = { ...image, ...fields, ...disks } as ServedImage;
    this.byRegion.set(regionId, next);
    return true;
  }

  /** Undo every churn: regions are regenerated, identically, on next use. */
  resetChurn(): void {
    for (const regionId of this.churnRounds.keys()) this.byRegion.delete(regionId);
    this.churnRounds.clear();
  }
}

/** A region of a recorded catalogue: its names when the emulator knows it, its id otherwise. */
function recordedRegion(regionId: string): CatalogueRegion {
  return (
    REGIONS.find((r) => r.RegionId === regionId) ??
    Object.freeze({ RegionId: regionId, LocalName: regionId, LocalNameEn: regionId, LocalNameJa: regionId, RegionEndpoint: `ecs.${regionId}.aliyuncs.com`, Status: 'available' as const })
  );
}

export function compareImages(a: CatalogueImage, b: CatalogueImage): number {
  if (a.CreationTime !== b.CreationTime) return a.CreationTime > b.CreationTime ? -1 : 1;
  return a.ImageId < b.ImageId ? -1 : a.ImageId > b.ImageId ? 1 : 0;
}

function generateRegion(regionId: string, systemCount: number): CatalogueImage[] {
  const images = [...systemImages(regionId, systemCount), ...selfImages(regionId), ...sharedImages(regionId), ...marketplaceImages(regionId)];
  return images.sort(compareImages);
}

function isoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}

function uniqueId(random: Random, kind: 'm-' | 's-', regionId: string, taken: Set<string>): string {
  for (;;) {
    const id = `${kind}${regionIdPrefix(regionId)}${random.chars(ID_ALPHABET, 18)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function systemImages(regionId: string, count: number): CatalogueImage[] {
  const regionRandom = createRandom(`system:${regionId}`);
  const out: CatalogueImage[] = [];
  const perTemplate = Math.floor(count / SYSTEM_TEMPLATES.length);
  const extra = count % SYSTEM_TEMPLATES.length;
  SYSTEM_TEMPLATES.forEach((t, index) => {
    const n = perTemplate + (index < extra ? 1 : 0);
    if (n === 0) return;
    // release dates depend on the template only, so one image has one name in every region
    const dates = createRandom(`release:${t.prefix}`);
    const gapMax = Math.max(1, Math.min(45, Math.floor(3650 / n)));
    const gapMin = Math.max(1, Math.floor(gapMax / 3));
    const firstDeprecated = Math.max(1, Math.ceil(n * (1 - t.deprecatedShare)));
    let day = Date.parse(`${t.newest}T00:00:00Z`);
    for (let i = 0; i < n; i++) {
      const name = `${t.prefix}${ymd(day)}.vhd`;
      // images of one release day share a build time, so ties on CreationTime occur as in the real list
      const creationMs = day + DAY_MS + createRandom(`${regionId}:${day}`).int(0, DAY_MS / 1000 - 1) * 1000;
      out.push({
        ImageId: name,
        ImageName: name,
        ImageVersion: '',
        ImageFamily: t.family,
        Description: '',
        Size: t.size,
        ImageOwnerAlias: 'system',
        IsSupportIoOptimized: true,
        IsSupportCloudinit: t.osType === 'linux',
        OSName: t.osName,
        OSNameEn: t.osNameEn,
        OSType: t.osType,
        Platform: t.platform,
        Architecture: t.arch,
        Status: i >= firstDeprecated ? 'Deprecated' : 'Available',
        Progress: '100%',
        Usage: regionRandom.chance(0.3) ? 'instance' : 'none',
        CreationTime: isoTime(creationMs),
        ProductCode: '',
        IsCopied: false,
        IsSubscribed: false,
        IsSelfShared: '',
        IsPublic: true,
        BootMode: t.bootMode,
        LoginAsNonRootSupported: t.osType === 'linux' && t.arch !== 'i386',
        ResourceGroupId: '',
        Features: t.arch === 'i386' ? NVME_UNSUPPORTED : NVME_SUPPORTED,
        Tags: NO_TAGS,
        DiskDeviceMappings: NO_DISKS,
      });
      day -= dates.int(gapMin, gapMax) * DAY_MS;
    }
  });
  return out;
}

export interface NewImageSpec {
  name: string;
  id?: string;
  family?: string;
  description?: string;
  status: ImageStatus;
  progress: string;
}

interface CustomSpec {
  id: string;
  name: string;
  description: string;
  owner: 'self' | 'others' | 'marketplace';
  creationMs: number;
  tags?: CatalogueTag[];
  status?: ImageStatus;
  progress?: string;
  usage?: ImageUsage;
  os?: OsInfo;
  ownerId?: number | bigint;
  family?: string;
  productCode?: string;
  isSubscribed?: boolean;
}

function customImage(random: Random, regionId: string, spec: CustomSpec): CatalogueImage {
  const os = spec.os ?? random.pick(CUSTOM_OS);
  const status = spec.status ?? 'Available';
  const progress = spec.progress ?? '100%';
  const taken = new Set<string>();
  const disks: CatalogueDiskDeviceMapping[] = [disk('/dev/xvda', os.size, uniqueId(random, 's-', regionId, taken), 'system', progress)];
  if (random.chance(0.3)) disks.push(disk('/dev/xvdb', random.pick([100, 200, 500]), uniqueId(random, 's-', regionId, taken), 'data', progress));
  const self = spec.owner === 'self';
  return {
    ImageId: spec.id,
    ImageName: spec.name,
    ImageVersion: self && random.chance(0.5) ? `1.${random.int(0, 9)}.${random.int(0, 20)}` : '',
    ImageFamily: spec.family ?? '',
    Description: spec.description,
    Size: os.size,
    ImageOwnerAlias: spec.owner,
    ImageOwnerId: spec.ownerId ?? SELF_OWNER_ID,
    IsSupportIoOptimized: true,
    IsSupportCloudinit: os.osType === 'linux',
    OSName: os.osName,
    OSNameEn: os.osNameEn,
    OSType: os.osType,
    Platform: os.platform,
    Architecture: os.arch,
    Status: status,
    Progress: progress,
    Usage: spec.usage ?? (random.chance(0.35) ? 'instance' : 'none'),
    CreationTime: isoTime(spec.creationMs),
    ProductCode: spec.productCode ?? '',
    IsCopied: self && random.chance(0.15),
    IsSubscribed: spec.isSubscribed ?? false,
    IsSelfShared: self && random.chance(0.2) ? 'True' : '',
    IsPublic: spec.owner === 'marketplace',
    BootMode: os.bootMode,
    LoginAsNonRootSupported: false,
    ResourceGroupId: self ? `rg-acfm${random.chars(ID_ALPHABET, 11)}` : '',
    Features: NVME_SUPPORTED,
    Tags: { Tag: spec.tags ?? [] },
    DiskDeviceMappings: { DiskDeviceMapping: spec.owner === 'marketplace' ? [] : disks },
  };
}

function withDiskProgress(mappings: CatalogueImage['DiskDeviceMappings'], progress: string): CatalogueImage['DiskDeviceMappings'] {
  return { DiskDeviceMapping: mappings.DiskDeviceMapping.map((d) => ({ ...d, Progress: progress })) };
}

function disk(device: string, sizeGiB: number, snapshotId: string, type: 'system' | 'data', progress: string): CatalogueDiskDeviceMapping {
  return { Device: device, Size: String(sizeGiB), SnapshotId: snapshotId, Type: type, Format: '', Progress: progress, ImportOSSBucket: '', ImportOSSObject: '' };
}

const SELF_COUNT = 40;

function selfImages(regionId: string): CatalogueImage[] {
  const random = createRandom(`self:${regionId}`);
  const taken = new Set<string>();
  const id = (): string => uniqueId(random, 'm-', regionId, taken);
  const when = (): number => random.int(OLDEST_CUSTOM_MS / 1000, (NEWEST_MS - DAY_MS) / 1000) * 1000;
  const tag = (TagKey: string, TagValue: string): CatalogueTag => ({ TagKey, TagValue });

  // names and descriptions that break naive CSV/TSV/table code
  const out: CatalogueImage[] = [
    customImage(random, regionId, {
      id: id(), name: 'web,"frontend"\n第二行', creationMs: when(), owner: 'self', usage: 'instance', family: 'web-family',
      description: 'Frontend build, "blue/green"\nsecond line\twith a tab; 生产环境镜像',
      tags: [tag('env', 'prod'), tag('team', 'web')],
    }),
    customImage(random, regionId, {
      id: id(), name: 'tab\tseparated-image', creationMs: when(), owner: 'self',
      // control characters as another account might set them: ESC sequences, BEL, NUL, DEL, C1 CSI, a bidi override
      description: 'tab\there, comma, here; \x1b[31mred\x1b[0m \x07bell \x00nul \x7fdel \x9bcsi \u202eevil',
      tags: [tag('env', 'dev'), tag('team', 'platform')],
    }),
    customImage(random, regionId, {
      id: id(), name: '数据库镜像-主库', creationMs: when(), owner: 'self', family: 'db-family',
      description: 'MySQL 8.0 主库，含监控代理', tags: [tag('env', 'prod'), tag('team', 'data'), tag('cost-center', '')],
    }),
    customImage(random, regionId, {
      id: id(), name: 'emoji-🚀-launch-image', creationMs: when(), owner: 'self',
      description: 'non-BMP 🚀, a quote " and a backslash \\',
      // separators of the Tags cell inside keys and values
      tags: [tag('env', 'staging'), tag('backup', ''), tag('url', 'https://x.example/?a=1;b=2'), tag('odd;key=', 'back\\slash:')],
    }),
    customImage(random, regionId, {
      id: id(), name: 'many-tags-image', creationMs: when(), owner: 'self', description: 'carries the maximum of 20 tags',
      tags: Array.from({ length: 20 }, (_, i) => tag(`k${String(i + 1).padStart(2, '0')}`, `v${String(i + 1).padStart(2, '0')}`)),
    }),
  ];

  const unusual: readonly (readonly [ImageStatus, string])[] = [
    ['Creating', '35%'],
    ['Creating', '80%'],
    ['Waiting', '0%'],
    ['UnAvailable', '100%'],
    ['UnAvailable', '100%'],
    ['CreateFailed', '0%'],
    ['CreateFailed', '0%'],
    ['Deprecated', '100%'],
  ];
  const names = new Set<string>();
  for (let i = 0; out.length < SELF_COUNT; i++) {
    const app = random.pick(SELF_APPS);
    const env = random.pick(['prod', 'staging', 'dev']);
    const creationMs = when();
    let name = `${app}-${env}-${ymd(creationMs)}`;
    if (names.has(name)) name = `${name}-${i}`;
    names.add(name);
    const tags = [tag('env', env), tag('team', random.pick(TEAMS))];
    if (random.chance(0.4)) tags.push(tag('owner', random.pick(OWNERS)));
    if (random.chance(0.25)) tags.push(tag('cost-center', ''));
    const [status, progress] = unusual[i] ?? ['Available', '100%'];
    out.push(customImage(random, regionId, {
      id: id(), name, creationMs, owner: 'self', tags, status, progress,
      family: random.chance(0.2) ? random.pick(['web-family', 'db-family']) : '',
      description: random.pick(['', `Golden image for ${app}`, `${app}，${env}环境，基于 Alibaba Cloud Linux 3`, `Built by Packer, commit ${random.chars('0123456789abcdef', 7)}`]),
    }));
  }
  return out;
}

function sharedImages(regionId: string): CatalogueImage[] {
  const random = createRandom(`others:${regionId}`);
  const taken = new Set<string>();
  return Array.from({ length: 12 }, (_, i) => {
    const creationMs = random.int(OLDEST_CUSTOM_MS / 1000, (NEWEST_MS - DAY_MS) / 1000) * 1000;
    return customImage(random, regionId, {
      id: uniqueId(random, 'm-', regionId, taken),
      name: `${SHARED_NAMES[i % SHARED_NAMES.length]}-${ymd(creationMs)}`,
      description: random.pick(['', 'Shared by the platform account', '共享镜像，请勿删除']),
      owner: 'others',
      ownerId: random.pick(SHARED_OWNER_IDS),
      creationMs,
      status: i === 11 ? 'UnAvailable' : 'Available',
    });
  });
}

function marketplaceImages(regionId: string): CatalogueImage[] {
  const random = createRandom(`marketplace:${regionId}`);
  const taken = new Set<string>();
  return Array.from({ length: 16 }, (_, i) => {
    const creationMs = random.int(OLDEST_CUSTOM_MS / 1000, (NEWEST_MS - DAY_MS) / 1000) * 1000;
    const name = MARKETPLACE_NAMES[i % MARKETPLACE_NAMES.length] ?? 'marketplace image';
    return customImage(random, regionId, {
      id: uniqueId(random, 'm-', regionId, taken),
      name: i < MARKETPLACE_NAMES.length ? name : `${name} v${ymd(creationMs)}`,
      description: `${name}，由服务商提供`,
      owner: 'marketplace',
      ownerId: random.pick(MARKETPLACE_OWNER_IDS),
      creationMs,
      os: name.startsWith('Windows') ? CUSTOM_OS[5] : CUSTOM_OS[random.int(0, 4)],
      productCode: `cmjj0${random.chars('0123456789', 5)}`,
      isSubscribed: random.chance(0.4),
      status: i === 15 ? 'Deprecated' : 'Available',
      usage: 'none',
    });
  });
}
