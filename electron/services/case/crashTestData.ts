/** The label value the crash-test child paints for edit n: doc and labelmap must agree after a kill. */
export function labelForEdit(n: number): number {
  return (n % 250) + 1;
}

/** Parses `edit <n>` from the case notes the crash-test child writes. */
export function editFromNotes(notes: string): number {
  const m = /^edit (\d+)$/.exec(notes);
  return m ? Number(m[1]) : -1;
}
