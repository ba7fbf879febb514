/** Kinds of non-image objects that hang off a study: made from images, not images to stack. */
export type DerivedKind = 'SEG' | 'SR' | 'RTSTRUCT' | 'KO' | 'PR' | 'PDF' | 'RT' | 'REG' | 'DOC';
