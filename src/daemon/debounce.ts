export interface Debounced {
  /** Records an event; `fire` runs once the events pause for `waitMs`, and at least every `maxWaitMs` during a storm. */
  poke(): void;
  cancel(): void;
}

/** A trailing debounce with a ceiling, so a burst of edits becomes one call and an endless one still gets through. */
export function debounce(fire: () => void, waitMs: number, maxWaitMs: number): Debounced {
  let timer: NodeJS.Timeout | null = null;
  let firstPokeAt: number | null = null;

  const flush = (): void => {
    timer = null;
    firstPokeAt = null;
    fire();
  };

  return {
    poke() {
      const now = Date.now();
      firstPokeAt ??= now;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(waitMs, firstPokeAt + maxWaitMs - now)));
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      firstPokeAt = null;
    },
  };
}
