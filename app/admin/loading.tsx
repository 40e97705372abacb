import { LoadingSkeleton } from "@/components/chrome/loading-skeleton";

export default function AdminLoading() {
  return (
    <main id="main" className="mx-auto max-w-5xl p-4">
      <LoadingSkeleton />
    </main>
  );
}
