// Lists several regions at once but yields their pages in region order: region 1 streams
// as it arrives, the others buffer until their turn. A failed region is reported and
// skipped so that it does not hide the others.
export type PageSource<T> = () => AsyncGenerator<T>;

interface Buffer<T> {
  items: T[];
  done: boolean;
  error?: unknown;
  wake?: () => void;
}

export async function* inRegionOrder<T>(
  sources: PageSource<T>[],
  options: { eager: boolean; onError: (index: number, error: unknown) => void },
): AsyncGenerator<T> {
  let stopped = false;
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
      start(i);
      const buffer = buffers[i]!;
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
    }
  } finally {
    stopped = true;
  }
}
