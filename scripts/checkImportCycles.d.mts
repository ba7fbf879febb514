import type { CompilerOptions } from 'typescript';

/** Typings for checkImportCycles.mjs (imported by a Vitest test). */
export declare function importSpecifiers(fileName: string, text: string): string[];
export declare function projectFiles(
  rootDir: string,
  tsconfigName?: string,
): { files: string[]; options: CompilerOptions };
export declare function importGraph(files: string[], options: CompilerOptions): Map<string, string[]>;
export declare function cyclicComponents(graph: Map<string, string[]>): string[][];
export declare function exampleCycle(graph: Map<string, string[]>, component: string[]): string[];
