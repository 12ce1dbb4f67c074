/**
 * A small cache of results keyed by the exact bytes of their inputs (issue 22: the Insights ask
 * for the same model fit or week-shift test several times in one open, and again on the next).
 *
 * A key is the inputs laid out in a Float64Array (the caller's choice of what the result reads).
 * A lookup hashes the key's bytes (FNV-1a over 32-bit words) to find its bucket and then compares
 * the stored keys byte for byte: a result is returned only for exactly the same inputs — a hash
 * collision costs a comparison, never a wrong answer. Cheaper than turning the bytes into a string
 * key (which copied and hashed up to 150 kB per lookup). Beyond `capacity` entries the oldest goes.
 * Pure JavaScript: used by the analysis in the main process, the import worker and the proofs.
 */
export class ContentCache<V> {
  private readonly buckets = new Map<number, { key: Uint32Array; value: V }[]>();
  private readonly inserted: { hash: number; key: Uint32Array }[] = [];

  constructor(private readonly capacity: number) {}

  get(key: Float64Array): V | undefined {
    const words = wordsOf(key);
    const bucket = this.buckets.get(hashOf(words));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (sameWords(entry.key, words)) return entry.value;
    return undefined;
  }

  set(key: Float64Array, value: V): void {
    const words = wordsOf(key);
    const hash = hashOf(words);
    const bucket = this.buckets.get(hash) ?? [];
    const existing = bucket.find((entry) => sameWords(entry.key, words));
    if (existing !== undefined) {
      existing.value = value;
      return;
    }
    bucket.push({ key: words, value });
    this.buckets.set(hash, bucket);
    this.inserted.push({ hash, key: words });
    if (this.inserted.length > this.capacity) {
      const oldest = this.inserted.shift()!;
      const left = (this.buckets.get(oldest.hash) ?? []).filter((entry) => entry.key !== oldest.key);
      if (left.length === 0) this.buckets.delete(oldest.hash);
      else this.buckets.set(oldest.hash, left);
    }
  }

  clear(): void {
    this.buckets.clear();
    this.inserted.length = 0;
  }

  get size(): number {
    return this.inserted.length;
  }
}

function wordsOf(key: Float64Array): Uint32Array {
  return new Uint32Array(key.buffer, key.byteOffset, key.length * 2);
}

function hashOf(words: Uint32Array): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < words.length; index++) hash = Math.imul(hash ^ words[index]!, 0x01000193);
  return hash >>> 0;
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
