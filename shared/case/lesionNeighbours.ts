import type { CRITICAL_STRUCTURES } from '../planning/inputSchema';

// The shapes lesionSurroundings fills and LesionFigure carries, apart from both so neither imports the other.

/** A vessel segment of heat-sink size near a lesion. */
export interface LesionVessel {
  label: number;
  name: string;
  /** Largest diameter (mm) within the heat-sink band round the lesion. */
  diameterMm: number;
  /** Edge-to-edge distance (mm) from the lesion surface. */
  distanceMm: number;
}

/** A critical-structure segment and its distance from the lesion surface. */
export interface LesionStructure {
  label: number;
  name: string;
  /** The plan's structure word, from the segment's type code; null when the code is not one of them. */
  structure: (typeof CRITICAL_STRUCTURES)[number] | null;
  /** Edge-to-edge distance (mm); null = farther than searchedMm. */
  distanceMm: number | null;
  searchedMm: number;
}
