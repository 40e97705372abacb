import { LoadingSkeleton } from "@/components/chrome/loading-skeleton";

export default function PortalLoading() {
  return <LoadingSkeleton />;
}
