/**
 * Like Promise.all, but when several fail it throws the failure of the first in
 * argument order, not whichever failed first in time: with two missing files the
 * message always names the same one.
 */
export async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  return settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }) as unknown as T;
}
