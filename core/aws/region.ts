/** The Region every SDK client is created in: Lambda sets AWS_REGION; a shell may set only the default. */
export function awsRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
}
