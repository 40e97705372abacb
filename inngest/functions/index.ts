import { animeMatchFn } from "./anime-match";
import { fallbackSweepFn } from "./fallback-sweep";
import { notifyFn } from "./notify";
import { verifyAvailabilityFn } from "./verify-availability";

export const functions = [verifyAvailabilityFn, fallbackSweepFn, animeMatchFn, notifyFn];
