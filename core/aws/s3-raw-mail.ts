import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { RawMailStore } from "../ports.js";

/**
 * Raw messages as SES stored them. The size is checked with a HEAD first: a message near SES's
 * 40 MB limit is never downloaded only to be refused. The GET is pinned to the object HEAD saw.
 */
export function createS3RawMail(client: S3Client): RawMailStore {
  return {
    async read(ref, maxBytes) {
      const head = await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      const size = head.ContentLength;
      if (size !== undefined && size > maxBytes) return { ok: false, size };
      const object = await client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(head.ETag ? { IfMatch: head.ETag } : {}),
          // Size unknown: read one byte past the limit, enough to tell "too large" without the rest.
          ...(size === undefined ? { Range: `bytes=0-${maxBytes}` } : {}),
        }),
      );
      if (!object.Body) throw new Error(`S3 object ${ref.key} has no body`);
      const bytes = await object.Body.transformToByteArray();
      // A HEAD without a length (or a store that lied) must not let an oversized body through.
      if (bytes.byteLength > maxBytes) return { ok: false, size: bytes.byteLength };
      return { ok: true, bytes };
    },
  };
}
