// Public shapes of the local ECS API emulator (SPEC section 8).
import type { CreatingSpec } from './lifecycle.js';

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

/**
 * An image replayed from a user's recorded `list -o json` output (--catalogue): every field
 * as the file gives it. The real API may leave fields out; one the emulator filters on that
 * is absent matches no filter on it.
 */
export type RecordedImage = Pick<CatalogueImage, 'ImageId' | 'ImageOwnerAlias' | 'Status' | 'CreationTime'> &
  Partial<Pick<CatalogueImage, 'ImageName' | 'Usage' | 'ImageFamily' | 'OSType' | 'Architecture' | 'Tags' | 'DiskDeviceMappings'>> & {
    readonly [field: string]: unknown;
  };

/** What DescribeImages serves: a generated image or a recorded one. */
export type ServedImage = CatalogueImage | RecordedImage;

/** RegionId -> its images in the order the API gave them; regions in the order they first appear. */
export type RecordedCatalogue = ReadonlyMap<string, readonly RecordedImage[]>;

export interface CatalogueRegion {
  RegionId: string;
  /** Chinese name, as DescribeRegions answers by default */
  LocalName: string;
  /** English name, for AcceptLanguage=en-US */
  LocalNameEn: string;
  /** Japanese name, for AcceptLanguage=ja */
  LocalNameJa: string;
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
  /** DescribeImages answers InvalidImageId.Malformed (400) when its ImageId list holds one of these: the whole request fails, the other ids with it */
  rejectImageIds?: string[];
  /** DescribeRegions also lists entries that are not region ids (a number, null, none, a host name, a control character) and one region twice; not limited by `regions` */
  badRegions?: boolean;
  // The services around the ECS API: the faults above and `regions` never touch them.
  /** STS, the metadata service and the credentials URI hand out the expired STS triple with an Expiration in the past */
  expiredCredentials?: boolean;
  /** what STS, the metadata service and the credentials URI hand out expires this many seconds after it is handed out */
  credentialsTtlS?: number;
  /** AssumeRole answers NoPermission and AssumeRoleWithOIDC AuthenticationFail.NoPermission, whoever asks */
  assumeRoleDenied?: boolean;
  /** the metadata service refuses requests without an X-aliyun-ecs-metadata-token (IMDSv2 only, "security hardening mode") */
  imdsV2Only?: boolean;
  /** a service that answers 503 or closes each connection without an answer */
  down?: { sts?: ServiceOutage; metadata?: ServiceOutage; credentialsUri?: ServiceOutage };
}

export type ServiceOutage = 503 | 'close';

/** which of the emulator's services a request went to */
export type EmulatorService = 'ecs' | 'sts' | 'metadata' | 'credentials-uri';

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
  service: EmulatorService;
  /** the URL path without the query */
  path: string;
  /** the RPC Action ('' for the metadata service and the credentials URI) */
  action: string;
  method: string;
  regionId?: string;
  accessKeyId?: string;
  securityToken?: string;
  /** the X-aliyun-ecs-metadata-token header of a metadata request (IMDSv2) */
  metadataToken?: string;
  /** every parameter received except Signature */
  params: Record<string, string>;
}

export interface EmulatorStats {
  total: number;
  /** RPC requests (ECS and STS) by Action */
  byAction: Record<string, number>;
  byService: Record<EmulatorService, number>;
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
  /** serve exactly these images (and their regions) instead of the generated catalogue */
  recorded?: RecordedCatalogue;
  faults?: Faults;
  /** n images per region in Creating, Available (or CreateFailed) after `seconds` (--creating) */
  creating?: CreatingSpec;
  /** the clock of the images' lifecycle, ms; default Date.now */
  now?: () => number;
}

export interface RunningEmulator {
  /** the ECS API and STS (by Version 2015-04-01); the metadata service is under `${endpoint}/latest/` */
  endpoint: string;
  /** `${endpoint}/credentials`: the credentials URI */
  credentialsUri: string;
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
