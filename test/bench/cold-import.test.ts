import { describe, expect, it } from "vitest";
import { type ColdImport, type ImportSample, pairedRatio } from "../../bench/cold-import.js";

const sample = (sinceStartMs: number): ImportSample => ({
  sinceStartMs,
  importMs: sinceStartMs / 2,
  importCpuMs: sinceStartMs / 2,
  wallMs: sinceStartMs + 10,
});

const cold = (times: number[]): ColdImport => ({
  runs: times.length,
  rounds: times.map(sample),
  sinceStartMs: Number.NaN,
  importMs: Number.NaN,
  importCpuMs: Number.NaN,
  wallMs: Number.NaN,
});

describe("the cold-import ratio to the floor", () => {
  it("pairs each round's handler with the floor measured in the same round", () => {
    // Round 2 hit a slow moment of the machine: 3.9× alone, but the other rounds say 1.2×.
    const handler = cold([120, 390, 360]);
    const floor = cold([100, 100, 300]);
    expect(pairedRatio(handler, floor, (s) => s.sinceStartMs)).toBeCloseTo(1.2, 10);
  });

  it("reads whichever measure it is given", () => {
    const handler = cold([150, 150, 150]);
    const floor = cold([100, 100, 100]);
    expect(pairedRatio(handler, floor, (s) => s.wallMs)).toBeCloseTo(160 / 110, 10);
  });
});
