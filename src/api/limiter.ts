// Bounds the number of requests in flight across every region of one listing. A free slot
// goes to the waiting task of lowest priority number (then first come): with several
// regions that is the earliest region, whose pages are printed first, so later regions use
// only the slots it leaves idle and do not fetch far ahead of their turn.
export type Limiter = <T>(task: () => Promise<T>, priority?: number) => Promise<T>;

export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: { priority: number; start: () => void }[] = [];
  const startNext = (): void => {
    if (waiting.length === 0) return;
    let next = 0;
    for (let i = 1; i < waiting.length; i += 1) if (waiting[i]!.priority < waiting[next]!.priority) next = i;
    waiting.splice(next, 1)[0]!.start();
  };
  return async (task, priority = 0) => {
    if (active >= max) await new Promise<void>((start) => waiting.push({ priority, start }));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      startNext();
    }
  };
}
