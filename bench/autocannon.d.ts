// Minimal types for the parts of autocannon the benchmarks use (the package ships no declarations).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: { average: number };
    latency: { p50: number; p97_5: number; p99: number; average: number };
    non2xx: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
