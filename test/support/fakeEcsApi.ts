// A small in-memory EcsApi for unit tests of the listing engine: each region has images,
// may fail at a page, and every request is recorded with the peak in flight.
import type { DescribeImagesResponse, EcsApi, Image, RpcParams } from '../../src/api/types.js';
import { ServiceError } from '../../src/errors.js';

export interface FakeRegion {
  images: number;
  /** this page (and later ones) fails with a ServiceError */
  failAtPage?: number;
  /** the TotalCount each page reports, when it is not `images` (a listing that comes short) */
  totalCount?: number;
}

export function fakeEcsApi(regions: Record<string, FakeRegion>) {
  const requests: { regionId: string; page: number; signal?: AbortSignal }[] = [];
  let inFlight = 0;
  const fake = {
    requests,
    peakInFlight: 0,
    apiFor: async (regionId: string): Promise<EcsApi> => ({
      async describeImages(params: RpcParams, signal?: AbortSignal): Promise<DescribeImagesResponse> {
        const region = regions[regionId]!;
        const page = Number(params.PageNumber);
        const size = Number(params.PageSize);
        requests.push({ regionId, page, signal });
        fake.peakInFlight = Math.max(fake.peakInFlight, (inFlight += 1));
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        if (region.failAtPage !== undefined && page >= region.failAtPage) throw new ServiceError(`${regionId} page ${page} failed`);
        const from = (page - 1) * size;
        const ids = Array.from({ length: Math.max(0, Math.min(size, region.images - from)) }, (_, i) => from + i + 1);
        const Image = ids.map((n): Image => ({ ImageId: `${regionId}-${n}` }));
        return { RequestId: 'fake', RegionId: regionId, TotalCount: region.totalCount ?? region.images, PageNumber: page, PageSize: size, Images: { Image } };
      },
      async describeImageFromFamily() {
        return { RequestId: 'fake' };
      },
      async describeRegions() {
        return { RequestId: 'fake', Regions: { Region: Object.keys(regions).map((RegionId) => ({ RegionId, LocalName: RegionId, RegionEndpoint: '' })) } };
      },
    }),
  };
  return fake;
}
