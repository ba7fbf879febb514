import type { BuildOptions } from 'esbuild';

/** Typings for nodeBundle.mjs (imported by a Vitest test). */
export declare const nodeCjsOptions: BuildOptions;
