import { describe, expect, it } from 'vitest';
import { turnBatch } from './turn-batch.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('turnBatch', () => {
  it('answers the calls of one turn with one load, each with its own answer, in order', async () => {
    const loads: number[][] = [];
    const double = turnBatch(async (keys: number[]) => {
      loads.push(keys);
      return keys.map((k) => k * 2);
    });
    expect(await Promise.all([double(1), double(2), double(3), double(2)])).toEqual([2, 4, 6, 4]);
    expect(loads).toEqual([[1, 2, 3, 2]]);
  });

  it('calls of later turns go into later loads', async () => {
    const loads: string[][] = [];
    const echo = turnBatch(async (keys: string[]) => {
      loads.push(keys);
      return keys;
    });
    const first = echo('a');
    await nextTurn();
    const second = [echo('b'), echo('c')];
    expect(await first).toBe('a');
    expect(await Promise.all(second)).toEqual(['b', 'c']);
    expect(loads).toEqual([['a'], ['b', 'c']]);
  });

  it('splits a turn into loads of at most maxBatch keys', async () => {
    const sizes: number[] = [];
    const same = turnBatch(async (keys: number[]) => {
      sizes.push(keys.length);
      return keys;
    }, 3);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => same(i)));
    expect(answers).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sizes).toEqual([3, 3, 2]);
  });

  it('an answer that is a rejected promise fails that call alone', async () => {
    const check = turnBatch(async (keys: number[]) => keys.map((k) => (k < 0 ? Promise.reject(new Error(`negative: ${k}`)) : k)));
    const results = await Promise.allSettled([check(1), check(-2), check(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('negative: -2');
  });

  it('a failed load fails every call of its batch; a load answering the wrong number of keys too', async () => {
    const broken = turnBatch(async (_keys: number[]): Promise<number[]> => {
      throw new Error('connection lost');
    });
    const results = await Promise.allSettled([broken(1), broken(2)]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual(['connection lost', 'connection lost']);

    const short = turnBatch(async (keys: number[]) => keys.slice(1));
    await expect(Promise.all([short(1), short(2)])).rejects.toThrow('2 keys, 1 answers');
  });
});
