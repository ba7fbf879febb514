/**
 * The stable id of a lesion: its segment number (the labelmap value), never its name, so renaming
 * a segment changes nothing downstream. A label holding several tumours (a labelmap from another
 * tool) gives one lesion per connected part, numbered in scan order: "L2.1", "L2.2", ... (one part:
 * plain "L2").
 */
export function lesionId(segmentLabel: number, part?: number): string {
  return part === undefined ? `L${segmentLabel}` : `L${segmentLabel}.${part}`;
}
