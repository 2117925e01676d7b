// The spinner text of a walk: pages and images over every region so far.
import type { PagingProgress } from '../api/paginate.js';
import type { Progress } from '../io.js';

/** Records one region's paging figures and shows the sum. */
export function pagingProgress(progress: Progress): (regionId: string, figures: PagingProgress) => void {
  const byRegion = new Map<string, PagingProgress>();
  return (regionId, figures) => {
    byRegion.set(regionId, figures);
    progress.update(progressText(byRegion));
  };
}

function progressText(byRegion: Map<string, PagingProgress>): string {
  let pages = 0;
  let total = 0;
  let images = 0;
  for (const p of byRegion.values()) {
    pages += p.pagesFetched;
    total += p.pagesTotal;
    images += p.images;
  }
  const regions = byRegion.size > 1 ? ` in ${byRegion.size} regions` : '';
  return `listing images: page ${pages}/${total}, ${images} images${regions}`;
}
