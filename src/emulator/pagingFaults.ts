// DescribeImages pages that do not add up to TotalCount, the ways real paging goes wrong:
// offset paging over ties that shifts between requests, a server that ignores PageNumber,
// overlapping pages, an image twice in a page, a TotalCount that lies high. Pure.

import type { PagingFault } from './types.js';

export interface Paged<T> {
  totalCount: number;
  images: T[];
}

/**
 * Page `pageNumber` of `matching` as `fault` serves it (no fault: as the API does);
 * `firstTime`: this region has not been asked for this page (at this page size) since the
 * faults were set.
 */
export function servedPage<T>(fault: PagingFault | undefined, matching: readonly T[], pageNumber: number, pageSize: number, firstTime: boolean): Paged<T> {
  const pageAt = (start: number): T[] => matching.slice(start, start + pageSize);
  const honest = pageAt((pageNumber - 1) * pageSize);
  const totalCount = matching.length;
  if (fault === undefined) return { totalCount, images: honest };
  switch (fault.kind) {
    case 'short-page':
      return { totalCount, images: pageNumber === fault.page && firstTime ? honest.slice(0, -1) : honest };
    case 'empty-page':
      return { totalCount, images: pageNumber === fault.page && firstTime ? [] : honest };
    case 'lost-image':
      return { totalCount, images: pageNumber === fault.page ? honest.slice(0, -1) : honest };
    case 'ignore-page-number':
      return { totalCount, images: pageAt(0) };
    case 'overlap':
      return { totalCount, images: pageAt(Math.max(0, (pageNumber - 1) * (pageSize - fault.images))) };
    case 'duplicate-in-page':
      return { totalCount, images: honest.length === 0 ? honest : [...honest, honest[0]!] };
    case 'total-count-lies':
      return { totalCount: totalCount + fault.extra, images: honest };
  }
}

/** One line for the banner on stderr. */
export function describePagingFault(fault: PagingFault): string {
  switch (fault.kind) {
    case 'short-page':
      return `paging-fault: page ${fault.page} misses its last image the first time it is asked for, and has it when asked again`;
    case 'empty-page':
      return `paging-fault: page ${fault.page} is empty the first time it is asked for, whole when asked again`;
    case 'lost-image':
      return `paging-fault: page ${fault.page} always misses its last image, which is on no page`;
    case 'ignore-page-number':
      return 'paging-fault: PageNumber is ignored, every page is page 1';
    case 'overlap':
      return `paging-fault: each page starts ${fault.images} images before the previous one ended`;
    case 'duplicate-in-page':
      return 'paging-fault: each page lists its first image twice';
    case 'total-count-lies':
      return `paging-fault: TotalCount is ${fault.extra} more than there are images`;
  }
}
