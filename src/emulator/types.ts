// Public shapes of the local ECS API emulator (SPEC section 8).

export type ImageStatus = 'Creating' | 'Waiting' | 'Available' | 'UnAvailable' | 'CreateFailed' | 'Deprecated';
export type ImageOwnerAlias = 'system' | 'self' | 'others' | 'marketplace';
export type ImageArchitecture = 'i386' | 'x86_64' | 'arm64';
export type ImageOSType = 'linux' | 'windows';
export type ImageUsage = 'instance' | 'none';

export interface CatalogueTag {
  TagKey: string;
  TagValue: string;
}

export interface CatalogueDiskDeviceMapping {
  Device: string;
  /** a string, as the real API sends it */
  Size: string;
  SnapshotId: string;
  Type: 'system' | 'data';
  Format: string;
  Progress: string;
  ImportOSSBucket: string;
  ImportOSSObject: string;
}

/** One image exactly as the emulator serves it; field order is the JSON field order. */
export interface CatalogueImage {
  ImageId: string;
  ImageName: string;
  ImageVersion: string;
  ImageFamily: string;
  Description: string;
  /** GiB */
  Size: number;
  ImageOwnerAlias: ImageOwnerAlias;
  /** account UID; a bigint when beyond 2^53 (serialised as an exact JSON number) */
  ImageOwnerId?: number | bigint;
  IsSupportIoOptimized: boolean;
  IsSupportCloudinit: boolean;
  OSName: string;
  OSNameEn: string;
  OSType: ImageOSType;
  Platform: string;
  Architecture: ImageArchitecture;
  Status: ImageStatus;
  Progress: string;
  Usage: ImageUsage;
  CreationTime: string;
  ProductCode: string;
  IsCopied: boolean;
  IsSubscribed: boolean;
  IsSelfShared: string;
  IsPublic: boolean;
  BootMode: string;
  LoginAsNonRootSupported: boolean;
  ResourceGroupId: string;
  Features: { readonly NvmeSupport: string };
  Tags: { readonly Tag: readonly CatalogueTag[] };
  DiskDeviceMappings: { readonly DiskDeviceMapping: readonly CatalogueDiskDeviceMapping[] };
}

export interface CatalogueRegion {
  RegionId: string;
  /** Chinese name, as DescribeRegions answers by default */
  LocalName: string;
  /** English name, for AcceptLanguage=en-US */
  LocalNameEn: string;
  RegionEndpoint: string;
  Status: 'available';
}

export interface Catalogue {
  regions(): readonly CatalogueRegion[];
  hasRegion(regionId: string): boolean;
  /** every image of the region (all statuses, all owners), newest CreationTime first, ties by ImageId; throws for an unknown region */
  images(regionId: string): readonly CatalogueImage[];
}

export interface Faults {
  /** limit every fault below to requests whose RegionId is one of these */
  regions?: string[];
  /** delay added to each request, ms */
  latencyMs?: number;
  /** Throttling.User (HTTP 400) for the first n requests, or for a seeded-random fraction of them */
  throttle?: { firstN: number } | { rate: number };
  /** JSON InternalError (500) or ServiceUnavailable (503) for the next `count` requests */
  fail?: { count: number; status: 500 | 503 };
  /** nginx-like HTML error page for the next `count` requests (every request when count is omitted) */
  htmlErrors?: { count?: number; status: 502 | 503 };
  /** answer the first n requests, then accept every later one and never answer */
  hangAfter?: number;
  /** adds `x-acs-retry-after: <ms>` to throttled and 5xx answers */
  retryAfterMs?: number;
  /** once n DescribeImages requests of a region were answered, that region gains `add` newest images and loses `remove` */
  churn?: { afterRequests: number; add: number; remove: number };
  /** DescribeImages pages that do not add up to TotalCount (src/emulator/pagingFaults.ts) */
  paging?: PagingFault;
}

/** How DescribeImages pages misbehave; `page` numbers count from 1, per region and page size. */
export type PagingFault =
  /** the page misses its last image the first time it is asked for (that image is on no page), and has it when asked again: offset paging over ties */
  | { kind: 'short-page'; page: number }
  /** the page is empty the first time it is asked for, whole when asked again */
  | { kind: 'empty-page'; page: number }
  /** the page always misses its last image: that image is on no page, ever */
  | { kind: 'lost-image'; page: number }
  /** every page is page 1 */
  | { kind: 'ignore-page-number' }
  /** each page starts `images` earlier than the one before it ended: pages step by PageSize - images */
  | { kind: 'overlap'; images: number }
  /** each page lists its first image twice (the second time at its end) */
  | { kind: 'duplicate-in-page' }
  /** TotalCount is `extra` more than there are images */
  | { kind: 'total-count-lies'; extra: number };

export interface ReceivedRequest {
  action: string;
  method: string;
  regionId?: string;
  accessKeyId?: string;
  securityToken?: string;
  /** every parameter received except Signature */
  params: Record<string, string>;
}

export interface EmulatorStats {
  total: number;
  byAction: Record<string, number>;
  inFlight: number;
  peakInFlight: number;
  requests: ReceivedRequest[];
}

export interface AccessKeyCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface StsCredentials extends AccessKeyCredentials {
  securityToken: string;
}

export interface EmulatorOptions {
  /** default '127.0.0.1' */
  host?: string;
  /** default 0: a free port */
  port?: number;
  /** system images per region; default 336 */
  imagesPerRegion?: number;
  faults?: Faults;
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  credentials: AccessKeyCredentials;
  /** STS triple: the key is refused without its token */
  stsCredentials: StsCredentials;
  /** the STS key with a token that has expired */
  expiredStsCredentials: StsCredentials;
  /** a key that exists but may call nothing: Forbidden.RAM */
  forbiddenCredentials: AccessKeyCredentials;
  catalogue: Catalogue;
  /** live object, updated in place */
  stats: EmulatorStats;
  setFaults(faults: Faults): void;
  resetStats(): void;
  close(): Promise<void>;
}
