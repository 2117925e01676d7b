// The spinner text of a walk: the figures of every region so far, summed.
import { describe, expect, it } from 'vitest';
import { pagingProgress } from '../../src/listing/pagingProgress.js';

function recorder() {
  const texts: string[] = [];
  return { texts, progress: { update: (text: string) => texts.push(text), clear: () => undefined } };
}

describe('pagingProgress', () => {
  it('one region: its pages and images, no region count', () => {
    const { texts, progress } = recorder();
    const show = pagingProgress(progress);
    show('a', { pagesFetched: 1, pagesTotal: 4, images: 100 });
    show('a', { pagesFetched: 3, pagesTotal: 4, images: 300 });
    expect(texts).toEqual(['listing images: page 1/4, 100 images', 'listing images: page 3/4, 300 images']);
  });

  it('several regions: the latest figures of each, summed, and how many regions', () => {
    const { texts, progress } = recorder();
    const show = pagingProgress(progress);
    show('a', { pagesFetched: 1, pagesTotal: 4, images: 100 });
    show('b', { pagesFetched: 1, pagesTotal: 2, images: 50 });
    show('a', { pagesFetched: 2, pagesTotal: 4, images: 200 });
    show('c', { pagesFetched: 1, pagesTotal: 1, images: 7 });
    expect(texts).toEqual([
      'listing images: page 1/4, 100 images',
      'listing images: page 2/6, 150 images in 2 regions',
      'listing images: page 3/6, 250 images in 2 regions',
      'listing images: page 4/7, 257 images in 3 regions',
    ]);
  });
});
