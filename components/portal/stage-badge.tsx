import type { StageTone } from "@/lib/domain/presentation";
import { stagePresentation } from "@/lib/domain/presentation";
import type { Stage } from "@/lib/domain/stages";
import { Icon } from "./icon";

/** Text and background pairs that keep at least 4.5:1 contrast in both themes. */
export const toneClasses: Record<StageTone, string> = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
  info: "bg-sky-100 text-sky-900 ring-sky-300 dark:bg-sky-950 dark:text-sky-100 dark:ring-sky-700",
  progress: "bg-indigo-100 text-indigo-900 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-700",
  success: "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-700",
  warning: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700",
  danger: "bg-rose-100 text-rose-900 ring-rose-300 dark:bg-rose-950 dark:text-rose-100 dark:ring-rose-700",
};

export function StageBadge({ stage }: { stage: Stage }) {
  const p = stagePresentation[stage];
  return (
    <span
      data-stage={stage}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${toneClasses[p.tone]}`}
    >
      <Icon name={p.icon} className="size-3.5" />
      {p.label}
    </span>
  );
}
