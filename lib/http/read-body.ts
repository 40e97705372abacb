import { AppError } from "@/lib/errors";
import { concatChunks } from "./bytes";

/** Reads a request body up to `limit` bytes; larger bodies are refused before they are buffered. */
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${limit} bytes`);
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatChunks(chunks);
}
