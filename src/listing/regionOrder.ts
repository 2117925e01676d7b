// Lists several regions at once but yields their pages in region order: region 1 streams
// as it arrives, the others buffer until their turn. A failed region is reported and
// skipped so that it does not hide the others.
export type PageSource<T> = () => AsyncGenerator<T>;

interface Buffer<T> {
  items: T[];
  done: boolean;
  error?: unknown;
  /** the consumer waits for an item */
  wake?: () => void;
  /** the region's pump waits for room */
  resume?: () => void;
}

export interface RegionOrderOptions {
  /** start every region at once (false: one after another) */
  eager: boolean;
  /**
   * Pages a region waiting its turn may hold ready; then it is not pulled, so its pager
   * sends no more requests. Without it, later regions of a big listing would wait in memory
   * whole (16 regions of 5,000 images as ndjson peaked at 462 MiB).
   */
  lookahead: number;
  /** the consumer is about to get region `index`'s first page (or its end) */
  onStart?: (index: number) => void;
  onError: (index: number, error: unknown) => void;
  /** region `index` gave its last page */
  onDone?: (index: number) => void;
}

export async function* inRegionOrder<T>(sources: PageSource<T>[], options: RegionOrderOptions): AsyncGenerator<T> {
  let stopped = false;
  let current = 0;
  const buffers = sources.map((): Buffer<T> => ({ items: [], done: false }));
  const started = new Set<number>();
  const start = (i: number): void => {
    if (started.has(i)) return;
    started.add(i);
    const buffer = buffers[i]!;
    void (async () => {
      try {
        for await (const item of sources[i]!()) {
          if (stopped) return;
          buffer.items.push(item);
          buffer.wake?.();
          while (!stopped && i !== current && buffer.items.length >= options.lookahead) {
            await new Promise<void>((resolve) => (buffer.resume = resolve));
            buffer.resume = undefined;
          }
          if (stopped) return;
        }
      } catch (err) {
        buffer.error = err;
      } finally {
        buffer.done = true;
        buffer.wake?.();
      }
    })();
  };
  if (options.eager) sources.forEach((_, i) => start(i));
  try {
    for (let i = 0; i < sources.length; i += 1) {
      current = i;
      options.onStart?.(i);
      start(i);
      const buffer = buffers[i]!;
      buffer.resume?.();
      for (;;) {
        const item = buffer.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (buffer.done) break;
        await new Promise<void>((resolve) => (buffer.wake = resolve));
        buffer.wake = undefined;
      }
      if (buffer.error !== undefined) options.onError(i, buffer.error);
      else options.onDone?.(i);
    }
  } finally {
    stopped = true;
    for (const buffer of buffers) buffer.resume?.();
  }
}
