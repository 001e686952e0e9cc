/** What the benchmark records of each AWS request, and how it groups them for the report. */
export type AwsService = "DynamoDB" | "S3" | "Scheduler" | "SESv2";

/** One request an SDK client sent, with the capacity DynamoDB reported for it. */
export interface AwsCall {
  service: AwsService;
  operation: string;
  readUnits: number;
  writeUnits: number;
  /** Items a DynamoDB read returned or scanned; absent for other services. */
  itemsRead?: number;
}

export interface OperationCount {
  service: AwsService;
  operation: string;
  count: number;
  readUnits: number;
  writeUnits: number;
}

/** Calls grouped by service and operation, in first-seen order. */
export function byOperation(calls: AwsCall[]): OperationCount[] {
  const groups = new Map<string, OperationCount>();
  for (const call of calls) {
    const key = `${call.service}.${call.operation}`;
    const group = groups.get(key) ?? {
      service: call.service,
      operation: call.operation,
      count: 0,
      readUnits: 0,
      writeUnits: 0,
    };
    group.count++;
    group.readUnits += call.readUnits;
    group.writeUnits += call.writeUnits;
    groups.set(key, group);
  }
  return [...groups.values()];
}
