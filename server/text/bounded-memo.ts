/** A bounded memo, emptied when full (the policy of the analyser's word and stem caches). Web-standard. */

/**
 * Values computed once per key, at most `limit` keys kept.
 * @example
 * const stems = new BoundedMemo<string, string>(100_000);
 * stems.get('États', (w) => stem(w));
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(readonly limit: number) {}

  /** The value of `key`, computed by `compute` when not kept. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
