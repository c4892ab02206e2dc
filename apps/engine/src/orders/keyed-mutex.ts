/**
 * Serialises async work per key (an account): each task starts after the previous one for the same
 * key settles, so a command's read-check-journal sequence never interleaves with another command
 * or broker event of that account. Different keys run concurrently.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget idle keys so the map does not grow with every account ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far for this key has settled (later ones are not awaited). */
  async drained(key: string): Promise<void> {
    await this.tails.get(key);
  }

  /** Resolves once every task queued so far (for any key) has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
