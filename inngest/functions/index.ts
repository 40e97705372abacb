import { animeMatchFn } from "./anime-match";
import { deleteMediaFn } from "./delete-media";
import { librarySyncFn } from "./library-sync";
import { fallbackSweepFn } from "./fallback-sweep";
import { verifyAvailabilityFn } from "./verify-availability";

export const functions = [verifyAvailabilityFn, fallbackSweepFn, animeMatchFn, deleteMediaFn, librarySyncFn];
