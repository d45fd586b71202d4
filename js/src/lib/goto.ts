// The "go to feature" box: an id ("17" or "#17") or text matched against labels.

/** Features a query names: the id itself when it is one in range, else the ids whose label
 * contains the query (case-insensitive), in id order, at most `limit`. */
export function findFeatures(query: string, labels: Record<string, string>, dSae: number, limit = 8): number[] {
  const q = query.trim();
  if (q === "") return [];
  const id = /^#?(\d+)$/.exec(q);
  if (id !== null) {
    const n = Number(id[1]);
    return n < dSae ? [n] : [];
  }
  const needle = q.toLowerCase();
  return Object.entries(labels)
    .filter(([, label]) => label.toLowerCase().includes(needle))
    .map(([k]) => Number(k))
    .sort((a, b) => a - b)
    .slice(0, limit);
}
