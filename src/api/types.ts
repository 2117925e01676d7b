// Shapes of the ECS RPC API (version 2014-05-26) with the API's own field names.
// Image objects are passed through untouched: only the fields ecsimg reads are typed.

export interface DiskDeviceMapping {
  Device?: string;
  Size?: string | number;
  SnapshotId?: string;
  [field: string]: unknown;
}

export interface Tag {
  TagKey: string;
  TagValue: string;
}

export interface Image {
  ImageId: string;
  ImageName?: string;
  CreationTime?: string;
  Size?: number;
  Status?: string;
  ImageOwnerAlias?: string;
  Tags?: { Tag: Tag[] };
  DiskDeviceMappings?: { DiskDeviceMapping: DiskDeviceMapping[] };
  [field: string]: unknown;
}

export interface DescribeImagesResponse {
  RequestId: string;
  RegionId: string;
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  Images: { Image: Image[] };
}

/**
 * DescribeImageFromFamily (RegionId, ImageFamily): the newest Available image of a family.
 * The API reference says the answer is "empty" when the family has none; an Image that is
 * {} or carries no ImageId comes back here as no Image at all.
 */
export interface DescribeImageFromFamilyResponse {
  RequestId: string;
  Image?: Image;
}

export interface Region {
  RegionId: string;
  LocalName: string;
  RegionEndpoint: string;
  Status?: string;
  [field: string]: unknown;
}

export interface DescribeRegionsResponse {
  RequestId: string;
  Regions: { Region: Region[] };
}

/** Flat RPC parameters exactly as sent: `Tag.1.Key`, `Filter.1.Value`, ... Never undefined values. */
export type RpcParams = Record<string, string>;

/** The typed face of the ECS API that commands use; `src/api/client.ts` implements it over pop-core. */
export interface EcsApi {
  /** `signal` stops retries of a request nobody waits for any more */
  describeImages(params: RpcParams, signal?: AbortSignal): Promise<DescribeImagesResponse>;
  describeRegions(params?: RpcParams): Promise<DescribeRegionsResponse>;
  describeImageFromFamily(params: RpcParams, signal?: AbortSignal): Promise<DescribeImageFromFamilyResponse>;
}
