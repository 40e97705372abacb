import { animeMatchFn } from "./anime-match";
import { deleteMediaFn } from "./delete-media";
import { librarySyncFn } from "./library-sync";
import { fallbackSweepFn } from "./fallback-sweep";
import { listEpisodesFn } from "./list-episodes";
import { notifyFn } from "./notify";
import { verifyAvailabilityFn } from "./verify-availability";

export const functions = [verifyAvailabilityFn, fallbackSweepFn, animeMatchFn, notifyFn, listEpisodesFn, deleteMediaFn, librarySyncFn];
