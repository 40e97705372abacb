import type { IncomingMessage } from "node:http";
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

/** readBodyLimited for a request the HTTP server answers itself (lib/http/at-server.ts). */
export function readIncomingLimited(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than ${limit} bytes`);
  if (Number(request.headers["content-length"] ?? "0") > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const fail = (error: AppError) => {
      request.removeAllListeners("data");
      request.resume(); // drained, not kept: the answer goes out and the connection stays usable
      reject(error);
    };
    request.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) return fail(tooLarge());
      chunks.push(chunk);
    });
    request.once("end", () => resolve(concatChunks(chunks)));
    const cut = () => fail(new AppError("bad_request", "The request ended before its body"));
    request.once("error", cut);
    request.once("close", () => {
      if (!request.complete) cut();
    });
  });
}
