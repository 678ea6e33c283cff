// What the POS answered to requests carrying the configured token, across the run. A run where
// every answer is 401 or 404 has one cause (token, URL), and the summary should say which.
export interface TargetStats {
  tokenRequests: number;
  refused: number;
  notFound: number;
}

export const emptyStats = (): TargetStats => ({ tokenRequests: 0, refused: 0, notFound: 0 });

export function countAnswer(stats: TargetStats, status: number | undefined): void {
  if (status === undefined) return;
  stats.tokenRequests++;
  if (status === 401 || status === 403) stats.refused++;
  if (status === 404) stats.notFound++;
}

export function addStats(into: TargetStats, from: TargetStats): void {
  into.tokenRequests += from.tokenRequests;
  into.refused += from.refused;
  into.notFound += from.notFound;
}
