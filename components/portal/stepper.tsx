import { stagePresentation } from "@/lib/domain/presentation";
import type { Stage } from "@/lib/domain/stages";
import { stepTimes } from "@/lib/domain/step-times";
import { flowSteps, stepState } from "@/lib/portal/flow";
import { Icon } from "./icon";
import { LocalTime } from "./local-time";

const stateLook = {
  done: { circle: "bg-emerald-700 text-white dark:bg-emerald-400 dark:text-slate-950", word: "done" },
  current: {
    circle: "bg-indigo-700 text-white ring-4 ring-indigo-200 dark:bg-indigo-400 dark:text-slate-950 dark:ring-indigo-900",
    word: "in progress",
  },
  todo: { circle: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300", word: "not yet" },
} as const;

type Props = { stage: Stage; isAnime: boolean; stageTimes: Partial<Record<Stage, string>>; createdAt: string };

/** The flow's steps with when each was reached (every reached step has a time); anime flows include Shoko's matching step. */
export function Stepper({ stage, isAnime, stageTimes, createdAt }: Props) {
  const steps = flowSteps(isAnime);
  const times = stepTimes(steps, (step) => stepState(step, stage) !== "todo", stageTimes, createdAt);
  return (
    <ol className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-0" aria-label="Progress through the pipeline">
      {steps.map((step, i) => {
        const state = stepState(step, stage);
        const look = stateLook[state];
        const p = stagePresentation[step];
        return (
          <li
            key={step}
            data-step={step}
            data-state={state}
            aria-current={state === "current" ? "step" : undefined}
            className="flex items-center gap-2 sm:flex-1 sm:flex-col sm:text-center"
          >
            <span className={`flex size-8 items-center justify-center rounded-full ${look.circle}`}>
              {state === "done" ? <Icon name="check" /> : <span className="text-xs font-semibold">{i + 1}</span>}
            </span>
            <span className="text-sm">
              <span className="font-medium">{p.label}</span>
              <span className="sr-only"> ({look.word})</span>
              <span className="block text-xs text-slate-700 dark:text-slate-300" data-testid="step-time">
                <LocalTime iso={times[step] ?? null} />
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
