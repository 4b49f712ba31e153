/**
 * Runs tasks at most `limit` at a time, in order. The first failure aborts `abort` (so the
 * tasks under way stop their ffmpeg runs), no further task starts, and once every started
 * task has settled that first error is thrown: nothing is left running behind the caller.
 */
export async function runPool<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
  abort: AbortController,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < tasks.length && !failure && !abort.signal.aborted) {
      const index = next++;
      try {
        results[index] = await tasks[index]!();
      } catch (error) {
        failure ??= { error };
        abort.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  if (abort.signal.aborted) throw new Error('Cancelled');
  return results;
}
