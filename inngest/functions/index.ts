import { animeMatchFn } from "./anime-match";
import { deleteMediaFn } from "./delete-media";
import { librarySyncFn } from "./library-sync";
import { fallbackSweepFn } from "./fallback-sweep";
import { notifyFn } from "./notify";
import { verifyAvailabilityFn } from "./verify-availability";

export const functions = [verifyAvailabilityFn, fallbackSweepFn, animeMatchFn, notifyFn, deleteMediaFn, librarySyncFn];
