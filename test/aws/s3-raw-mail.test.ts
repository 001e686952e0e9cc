import "aws-sdk-client-mock-vitest/extend";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createS3RawMail } from "../../core/aws/s3-raw-mail.js";

const s3 = mockClient(S3Client);
const rawMail = () => createS3RawMail(new S3Client({ region: "us-east-1" }));
const ref = { bucket: "raw-mail", key: "inbound/ses-1" };

/** The parts of an SDK stream body the adapter uses; `read` records whether it was read at all. */
function body(text: string) {
  const state = { read: false, destroyed: false };
  return {
    state,
    body: {
      transformToByteArray: async () => {
        state.read = true;
        return new Uint8Array(Buffer.from(text));
      },
      destroy: () => {
        state.destroyed = true;
      },
    } as never,
  };
}

beforeEach(() => s3.reset());

describe("S3 raw mail", () => {
  it("reads with one ranged GET and never downloads a message over the limit", async () => {
    const big = body("x".repeat(11));
    s3.on(GetObjectCommand).resolves({
      Body: big.body,
      ContentRange: `bytes 0-10485760/${39 * 1024 * 1024}`,
    });

    expect(await rawMail().read(ref, 10 * 1024 * 1024)).toEqual({ ok: false, size: 39 * 1024 * 1024 });

    expect(s3).toReceiveCommandWith(GetObjectCommand, {
      Bucket: "raw-mail",
      Key: "inbound/ses-1",
      Range: "bytes=0-10485760",
    });
    expect(s3).toReceiveCommandTimes(HeadObjectCommand, 0);
    expect(big.state).toEqual({ read: false, destroyed: true });
  });

  it("returns a message within the limit", async () => {
    s3.on(GetObjectCommand).resolves({ Body: body("hello world").body, ContentRange: "bytes 0-10/11" });

    const read = await rawMail().read(ref, 11);

    expect(read.ok && Buffer.from(read.bytes).toString()).toBe("hello world");
    expect(s3).toReceiveCommandTimes(GetObjectCommand, 1);
  });

  it("tells a too-large body by its length when the store ignores the range", async () => {
    s3.on(GetObjectCommand).resolves({ Body: body("0123456789A").body });
    expect(await rawMail().read(ref, 10)).toEqual({ ok: false, size: 11 });
  });

  it("reads an empty object (no byte 0 to range from) as empty", async () => {
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error("The requested range is not satisfiable"), { name: "InvalidRange" }),
    );
    const read = await rawMail().read(ref, 10);
    expect(read.ok && read.bytes.byteLength).toBe(0);
  });
});
