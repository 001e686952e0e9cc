import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailStore } from "../ports.js";

/**
 * Raw messages as SES stored them, in one ranged GET of at most `maxBytes + 1` bytes: the total
 * size comes back in Content-Range, so a message near SES's 40 MB limit is refused without being
 * downloaded.
 */
export function createS3RawMail(client: S3Client): RawMailStore {
  return {
    async read(ref, maxBytes) {
      let object: GetObjectCommandOutput;
      try {
        object = await client.send(
          new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, Range: `bytes=0-${maxBytes}` }),
        );
      } catch (error) {
        // An empty object has no byte 0 to start a range at.
        if ((error as { name?: string }).name === "InvalidRange")
          return { ok: true, bytes: new Uint8Array() };
        throw error;
      }
      // On Node the body is a stream: destroying it drops a download not wanted.
      const body = object.Body as (typeof object.Body & { destroy?: () => void }) | undefined;
      if (!body) throw new Error(`S3 object ${ref.key} has no body`);
      const total = totalOf(object.ContentRange);
      if (total !== null && total > maxBytes) {
        body.destroy?.();
        return { ok: false, size: total };
      }
      const bytes = await body.transformToByteArray();
      // No Content-Range (a store that ignores ranges): the body itself tells.
      if (bytes.byteLength > maxBytes) return { ok: false, size: bytes.byteLength };
      return { ok: true, bytes };
    },
  };
}

/** `bytes 0-1023/40000000` → 40000000. */
function totalOf(contentRange: string | undefined): number | null {
  const total = contentRange ? /\/(\d+)\s*$/.exec(contentRange)?.[1] : undefined;
  return total ? Number(total) : null;
}
