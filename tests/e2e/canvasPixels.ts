import type { Page } from '@playwright/test';

export interface CanvasStats {
  width: number;
  height: number;
  nonBlack: number;
  distinctGreys: number;
  mean: number;
}

/** Reads back the pixels of the first canvas inside selector (a real GPU read-back). */
export async function canvasStats(page: Page, selector: string): Promise<CanvasStats> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement | null;
    if (!canvas) throw new Error(`no canvas in ${sel}`);
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let nonBlack = 0;
    let sum = 0;
    const greys = new Set<number>();
    for (let p = 0; p < data.length; p += 4) {
      const v = data[p]! + data[p + 1]! + data[p + 2]!;
      if (v > 15) nonBlack++;
      sum += v / 3;
      greys.add(data[p]!);
    }
    return {
      width: copy.width,
      height: copy.height,
      nonBlack,
      distinctGreys: greys.size,
      mean: sum / (data.length / 4),
    };
  }, selector);
}
