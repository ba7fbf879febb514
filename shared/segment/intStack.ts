/** A growable stack of voxel indices: flood fills push far fewer voxels than the grid holds. */
export class IntStack {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1 << 14) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  pop(): number {
    return this.data[--this.length]!;
  }
}
