import { LoadingSkeleton } from "@/components/chrome/loading-skeleton";

/**
 * Streams the header and this skeleton first while the history loads. Not at the portal's root: a loading
 * boundary above a request's page would send its 200 before the page can answer "not found" with a 404.
 */
export default function HistoryLoading() {
  return <LoadingSkeleton />;
}
