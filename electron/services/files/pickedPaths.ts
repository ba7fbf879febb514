import { resolve } from 'node:path';

/**
 * Paths the user chose in a file dialog of this session. Channels that read
 * or write a user-named file accept only these, so a compromised renderer
 * cannot read or overwrite arbitrary files through them.
 */
export class PickedPaths {
  private readonly open = new Set<string>();
  private readonly save = new Set<string>();

  allowOpen(path: string): void {
    this.open.add(resolve(path));
  }

  allowSave(path: string): void {
    this.save.add(resolve(path));
  }

  canOpen(path: string): boolean {
    return this.open.has(resolve(path));
  }

  canSave(path: string): boolean {
    return this.save.has(resolve(path));
  }
}
