/**
 * Megabytes to bytes. Its own module so that the xlsx worker's modules (zip, guard) need not load
 * `options.ts`, which imports the project schema and with it zod (~90 ms of the worker's start).
 */
export const mb = (n: number): number => Math.floor(n * 1024 * 1024);
