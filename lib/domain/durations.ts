/** "12 min", "1 h 5 min", "3 d 2 h": an exact-enough span, for time to available and the like. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * The one way the app words a download's remaining time, wherever it is shown (progress bar, episode
 * grid, timeline): rounded up to the minute, because a client's estimate is never second-accurate and two
 * places rounding differently would contradict each other.
 */
export function formatEta(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${formatDuration(minutes * 60)} left`;
}

/** "2 h", "15 min", "3 d": how long something has been so, coarse on purpose ("Stalled for 2 h"). */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return "under a minute";
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}
