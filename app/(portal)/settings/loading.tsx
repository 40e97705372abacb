import { LoadingSkeleton } from "@/components/chrome/loading-skeleton";

export default function SettingsLoading() {
  return <LoadingSkeleton />;
}
