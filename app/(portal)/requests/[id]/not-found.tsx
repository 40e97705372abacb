import Link from "next/link";

export default function RequestNotFound() {
  return (
    <div className="py-12 text-center">
      <h1 className="text-2xl font-semibold">No such request</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">It may have been removed, or the link is mistyped.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-800 underline dark:text-indigo-300">
        Back to active requests
      </Link>
    </div>
  );
}
