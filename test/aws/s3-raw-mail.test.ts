import "aws-sdk-client-mock-vitest/extend";
import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createS3RawMail } from "../../core/aws/s3-raw-mail.js";

const s3 = mockClient(S3Client);
const rawMail = () => createS3RawMail(new S3Client({ region: "us-east-1" }));
const ref = { bucket: "raw-mail", key: "inbound/ses-1" };

/** The one method of an SDK stream body the adapter uses. */
const body = (text: string) =>
  ({ transformToByteArray: async () => new Uint8Array(Buffer.from(text)) }) as never;

beforeEach(() => s3.reset());

describe("S3 raw mail", () => {
  it("checks the size first and never downloads a message over the limit", async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 39 * 1024 * 1024, ETag: '"e1"' });

    expect(await rawMail().read(ref, 10 * 1024 * 1024)).toEqual({ ok: false, size: 39 * 1024 * 1024 });

    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: "raw-mail",
      Key: "inbound/ses-1",
    });
    expect(s3).toReceiveCommandTimes(GetObjectCommand, 0);
  });

  it("downloads a message within the limit, pinned to the object it measured", async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 11, ETag: '"e1"' });
    s3.on(GetObjectCommand).resolves({ Body: body("hello world") });

    const read = await rawMail().read(ref, 11);

    expect(read.ok && Buffer.from(read.bytes).toString()).toBe("hello world");
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: "raw-mail",
      Key: "inbound/ses-1",
      IfMatch: '"e1"',
    });
  });

  it("bounds the download when the size is unknown", async () => {
    s3.on(HeadObjectCommand).resolves({});
    s3.on(GetObjectCommand).resolves({ Body: body("0123456789A") });

    expect(await rawMail().read(ref, 10)).toEqual({ ok: false, size: 11 });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: "raw-mail",
      Key: "inbound/ses-1",
      Range: "bytes=0-10",
    });
  });
});
