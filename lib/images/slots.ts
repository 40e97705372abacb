/**
 * At most `size` tasks at once; the others wait their turn in arrival order. A finished task hands its slot straight
 * to the next waiter, so a caller arriving in between cannot take it and push the count past `size`.
 */
export function taskSlots(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < size) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    /** Tasks running and waiting now. */
    load: () => ({ running, waiting: waiting.length }),
  };
}
